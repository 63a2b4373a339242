-- Accounts, roles, institution memberships and API tokens of the gateway (schema access).
-- Sessions and rate-limit counters live in Redis. Profiles belong to the verification service,
-- so profile ids are kept here without a foreign key.

CREATE TABLE accounts (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  -- ORCID iD of the signed-in person (the OpenID Connect "sub" claim), e.g. 0000-0002-1825-0097.
  orcid_subject text NOT NULL CONSTRAINT accounts_orcid_subject_format
    CHECK (orcid_subject ~ '^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$'),
  profile_id uuid NOT NULL,
  display_name text CONSTRAINT accounts_display_name_length CHECK (char_length(display_name) <= 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_signed_in_at timestamptz,
  disabled_at timestamptz,
  CONSTRAINT accounts_orcid_subject_key UNIQUE (orcid_subject),
  CONSTRAINT accounts_profile_id_key UNIQUE (profile_id)
);

CREATE TABLE account_roles (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  role text NOT NULL CONSTRAINT account_roles_role_check CHECK (role IN ('researcher', 'curator', 'admin')),
  granted_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, role)
);

-- Curators act for the profiles of the institutions they are curators of (ROR ids).
CREATE TABLE institution_memberships (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  institution_ror text NOT NULL CONSTRAINT institution_memberships_ror_format
    CHECK (institution_ror ~ '^0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}$'),
  membership_role text NOT NULL DEFAULT 'member'
    CONSTRAINT institution_memberships_role_check CHECK (membership_role IN ('member', 'curator')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, institution_ror)
);
CREATE INDEX institution_memberships_institution_idx ON institution_memberships (institution_ror, membership_role);

-- Only the SHA-256 of a token is stored; the prefix lets people recognise a token in lists.
CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name text NOT NULL CONSTRAINT api_tokens_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
  token_prefix text NOT NULL CONSTRAINT api_tokens_prefix_length CHECK (char_length(token_prefix) BETWEEN 4 AND 16),
  token_hash bytea NOT NULL CONSTRAINT api_tokens_hash_length CHECK (octet_length(token_hash) = 32),
  scopes text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz,
  CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash),
  CONSTRAINT api_tokens_expiry_after_creation CHECK (expires_at IS NULL OR expires_at > created_at)
);
CREATE INDEX api_tokens_account_idx ON api_tokens (account_id);

-- Who changed whose roles, memberships or tokens; rows are never changed or removed.
CREATE TABLE access_audit_events (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  actor_account_id uuid,
  subject_account_id uuid,
  action text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX access_audit_events_subject_idx ON access_audit_events (subject_account_id, occurred_at);
CREATE TRIGGER access_audit_events_append_only
BEFORE UPDATE OR DELETE ON access_audit_events
FOR EACH ROW EXECUTE FUNCTION atlas_common.reject_update_delete();
CREATE TRIGGER access_audit_events_no_truncate
BEFORE TRUNCATE ON access_audit_events
FOR EACH STATEMENT EXECUTE FUNCTION atlas_common.reject_update_delete();

GRANT SELECT, INSERT, UPDATE, DELETE ON accounts, account_roles, institution_memberships, api_tokens TO atlas_access_app;
GRANT SELECT, INSERT ON access_audit_events TO atlas_access_app;
