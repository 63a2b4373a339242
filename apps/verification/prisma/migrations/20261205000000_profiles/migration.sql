-- Researcher profiles, their identities, identifier rules and per-profile counters.

CREATE TABLE author_profiles (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  primary_orcid text UNIQUE,
  display_name text NOT NULL,
  email text,
  institution_id uuid,
  avatar_url text,
  bio text,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  affiliations jsonb NOT NULL DEFAULT '[]'::jsonb,
  version integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz,
  -- Set when the owner asked for erasure; the row stays so that acts keep pointing at it.
  erased_at timestamptz
);
CREATE INDEX idx_profiles_email ON author_profiles (email);
CREATE INDEX idx_profiles_name_trgm ON author_profiles USING gin (display_name atlas_common.gin_trgm_ops);

CREATE TABLE profile_identities (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  profile_id uuid NOT NULL REFERENCES author_profiles (id) ON DELETE CASCADE,
  identifier_type text NOT NULL CHECK (identifier_type IN (
    'orcid', 'email', 'openalex', 'hal_idhal', 'hal_person', 'idref', 'scopus', 'researcherid', 'name_variant')),
  identifier_value text NOT NULL,
  is_primary boolean NOT NULL DEFAULT false,
  verified_at timestamptz,
  verification_method text,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- One identity belongs to one profile. Name variants are shared by namesakes, so they are unique per profile only.
CREATE UNIQUE INDEX identity_unique ON profile_identities (identifier_type, identifier_value)
  WHERE identifier_type <> 'name_variant';
CREATE UNIQUE INDEX identity_profile_unique ON profile_identities (profile_id, identifier_type, identifier_value);
CREATE INDEX idx_identities_profile ON profile_identities (profile_id);
CREATE INDEX idx_identities_name_trgm ON profile_identities USING gin (identifier_value atlas_common.gin_trgm_ops)
  WHERE identifier_type = 'name_variant';

CREATE TABLE identifier_rules (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  profile_id uuid NOT NULL REFERENCES author_profiles (id) ON DELETE CASCADE,
  identifier_type text NOT NULL CHECK (identifier_type IN (
    'doi', 'arxiv', 'hal', 'openalex_work', 'openalex_author', 'hal_idhal', 'orcid')),
  identifier_value text NOT NULL,
  effect text NOT NULL CHECK (effect IN ('include', 'exclude')),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT identifier_rule_unique UNIQUE (profile_id, identifier_type, identifier_value)
);

-- Statistics served from counters that decisions update in their own transaction
-- (kind `status`: candidates by status; `year`/`type`: verified works; `works`: all verified works).
CREATE TABLE profile_counters (
  profile_id uuid NOT NULL REFERENCES author_profiles (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('status', 'year', 'type', 'works')),
  key text NOT NULL,
  value bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (profile_id, kind, key)
);

-- Client retries carry the same key; the first outcome is returned instead of acting twice.
CREATE TABLE idempotency_keys (
  key text PRIMARY KEY,
  operation text NOT NULL,
  request_hash text NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_idempotency_created ON idempotency_keys (created_at);

GRANT SELECT, INSERT, UPDATE ON author_profiles TO atlas_verification_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON profile_identities TO atlas_verification_app;
GRANT SELECT, INSERT, DELETE ON identifier_rules TO atlas_verification_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON profile_counters TO atlas_verification_app;
GRANT SELECT, INSERT, DELETE ON idempotency_keys TO atlas_verification_app;
