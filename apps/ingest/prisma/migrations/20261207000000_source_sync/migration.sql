-- Profiles as synchronisation reads them, kept from the verification service's profile events.
CREATE TABLE sync_profiles (
  profile_id uuid PRIMARY KEY,
  entity_version integer NOT NULL,
  display_name text NOT NULL,
  orcids text[] NOT NULL DEFAULT '{}',
  openalex_ids text[] NOT NULL DEFAULT '{}',
  hal_idhals text[] NOT NULL DEFAULT '{}',
  name_variants text[] NOT NULL DEFAULT '{}',
  watched_sources text[] NOT NULL DEFAULT '{}',
  allow_name_search boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE, DELETE ON sync_profiles TO atlas_ingest_app;

-- Where the synchronisation of one profile with one source stands: when it is due, the time from
-- which the next run asks for changes, and the page an interrupted pass resumes at.
CREATE TABLE sync_cursors (
  profile_id uuid NOT NULL,
  source text NOT NULL,
  due_at timestamptz NOT NULL,
  synced_since timestamptz,
  paging jsonb,
  consecutive_failures integer NOT NULL DEFAULT 0,
  last_failure text,
  last_success_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (profile_id, source)
);
CREATE INDEX sync_cursors_due_idx ON sync_cursors (due_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON sync_cursors TO atlas_ingest_app;

-- One synchronisation of a profile over one or more sources; its finished event is sent once.
CREATE TABLE profile_syncs (
  id uuid PRIMARY KEY,
  profile_id uuid NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'request', 'retry')),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX profile_syncs_profile_idx ON profile_syncs (profile_id, started_at DESC);
GRANT SELECT, INSERT, UPDATE ON profile_syncs TO atlas_ingest_app;

-- One run of one profile with one source, with its counts and failure.
CREATE TABLE sync_runs (
  id uuid PRIMARY KEY,
  profile_sync_id uuid NOT NULL REFERENCES profile_syncs (id),
  profile_id uuid NOT NULL,
  source text NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
  since timestamptz,
  resumed boolean NOT NULL DEFAULT false,
  inserted integer NOT NULL DEFAULT 0,
  updated integer NOT NULL DEFAULT 0,
  unchanged integer NOT NULL DEFAULT 0,
  removed integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  failure text,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX sync_runs_profile_idx ON sync_runs (profile_id, source, started_at DESC);
CREATE INDEX sync_runs_profile_sync_idx ON sync_runs (profile_sync_id);
GRANT SELECT, INSERT, UPDATE ON sync_runs TO atlas_ingest_app;

-- Source records a profile's complete listings contained, so a record missing from a later complete
-- listing is known to be removed from the source.
CREATE TABLE sync_profile_records (
  profile_id uuid NOT NULL,
  source text NOT NULL,
  source_id text NOT NULL,
  last_seen_pass uuid NOT NULL,
  removed_at timestamptz,
  PRIMARY KEY (profile_id, source, source_id)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON sync_profile_records TO atlas_ingest_app;
