-- Institutions known to the gateway. Profiles name their institution by this id, and curators act
-- for the profiles of the institutions they are curators of (memberships keyed by ROR id).

CREATE TABLE institutions (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  ror_id text NOT NULL CONSTRAINT institutions_ror_format
    CHECK (ror_id ~ '^0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}$'),
  name text NOT NULL CONSTRAINT institutions_name_length CHECK (char_length(name) BETWEEN 1 AND 512),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT institutions_ror_id_key UNIQUE (ror_id)
);

GRANT SELECT, INSERT, UPDATE ON institutions TO atlas_access_app;
