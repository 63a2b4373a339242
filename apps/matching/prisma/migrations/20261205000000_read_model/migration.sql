-- Read model of profiles, blocking index, records seen and scored pairs of the matching service.

-- What the matcher knows about each profile, kept current from verification's profile events.
CREATE TABLE profiles (
  profile_id uuid PRIMARY KEY,
  entity_version integer NOT NULL,
  display_name text NOT NULL,
  -- Display name first, then declared name variants.
  names text[] NOT NULL DEFAULT '{}',
  orcids text[] NOT NULL DEFAULT '{}',
  emails text[] NOT NULL DEFAULT '{}',
  -- Other identifiers as `scheme:value` (openalex_author:A5023888391, hal_idhal:..., idref:...).
  identifiers text[] NOT NULL DEFAULT '{}',
  -- Affiliations over time: [{ name, rorId?, startYear?, endYear? }].
  affiliations jsonb NOT NULL DEFAULT '[]'::jsonb,
  coauthors text[] NOT NULL DEFAULT '{}',
  topics text[] NOT NULL DEFAULT '{}',
  first_year integer,
  last_year integer,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Identifier rules: every record carrying the identifier is (include) or is not (exclude) the profile's.
CREATE TABLE profile_rules (
  profile_id uuid NOT NULL REFERENCES profiles (profile_id) ON DELETE CASCADE,
  identifier text NOT NULL,
  effect text NOT NULL CHECK (effect IN ('include', 'exclude')),
  PRIMARY KEY (profile_id, identifier)
);
CREATE INDEX profile_rules_identifier_idx ON profile_rules (identifier);

-- Co-authors, topics and year of works the profile confirmed, learnt from decisions and confirmations.
CREATE TABLE confirmed_works (
  profile_id uuid NOT NULL REFERENCES profiles (profile_id) ON DELETE CASCADE,
  work_key text NOT NULL,
  coauthors text[] NOT NULL DEFAULT '{}',
  topics text[] NOT NULL DEFAULT '{}',
  publication_year integer,
  PRIMARY KEY (profile_id, work_key)
);

-- Similarity keys of records the profile confirmed or rejected, the feedback signal.
CREATE TABLE decision_keys (
  profile_id uuid NOT NULL REFERENCES profiles (profile_id) ON DELETE CASCADE,
  similarity_key text NOT NULL,
  decision text NOT NULL CHECK (decision IN ('confirmed', 'rejected')),
  PRIMARY KEY (profile_id, similarity_key, decision)
);

-- Blocking index: each key of a profile's names and identifiers, maintained on every profile change.
CREATE TABLE blocking_keys (
  blocking_key text NOT NULL,
  profile_id uuid NOT NULL REFERENCES profiles (profile_id) ON DELETE CASCADE,
  PRIMARY KEY (blocking_key, profile_id)
);
CREATE INDEX blocking_keys_profile_idx ON blocking_keys (profile_id);

-- Records seen: the matching summary of each record's current version, so a later profile finds them.
CREATE TABLE records (
  source text NOT NULL,
  source_id text NOT NULL,
  raw_record_id uuid NOT NULL,
  checksum text NOT NULL,
  summary jsonb NOT NULL,
  removed boolean NOT NULL DEFAULT false,
  -- Digest of the proposals last published for this record, so an unchanged list is not sent again.
  proposals_digest text,
  -- Version of the last candidates proposed event of this record (its entity version).
  proposal_version integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, source_id)
);

-- Look-up keys of the stored records' author positions and identifiers, to find records a profile change affects.
CREATE TABLE record_keys (
  lookup_key text NOT NULL,
  source text NOT NULL,
  source_id text NOT NULL,
  PRIMARY KEY (lookup_key, source, source_id),
  FOREIGN KEY (source, source_id) REFERENCES records (source, source_id) ON DELETE CASCADE
);
CREATE INDEX record_keys_record_idx ON record_keys (source, source_id);

-- Pending pairs: record position × profile scored at or above auto-reject, with the last score and versions.
CREATE TABLE scored_pairs (
  source text NOT NULL,
  source_id text NOT NULL,
  author_position integer NOT NULL,
  profile_id uuid NOT NULL REFERENCES profiles (profile_id) ON DELETE CASCADE,
  score double precision NOT NULL,
  -- Proposal version of the last event that carried this pair; null while it stayed below suggest.
  proposal_version integer,
  raw_record_id uuid NOT NULL,
  profile_version integer NOT NULL,
  scored_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, source_id, author_position, profile_id),
  FOREIGN KEY (source, source_id) REFERENCES records (source, source_id) ON DELETE CASCADE
);
CREATE INDEX scored_pairs_profile_idx ON scored_pairs (profile_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON profiles TO atlas_matching_app;
GRANT SELECT, INSERT, DELETE ON profile_rules TO atlas_matching_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON confirmed_works TO atlas_matching_app;
GRANT SELECT, INSERT, DELETE ON decision_keys TO atlas_matching_app;
GRANT SELECT, INSERT, DELETE ON blocking_keys TO atlas_matching_app;
GRANT SELECT, INSERT, UPDATE ON records TO atlas_matching_app;
GRANT SELECT, INSERT, DELETE ON record_keys TO atlas_matching_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON scored_pairs TO atlas_matching_app;
