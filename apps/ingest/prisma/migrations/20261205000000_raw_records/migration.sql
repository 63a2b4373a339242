-- Raw source records, their latest versions, and bulk import runs (schema ingest).

-- Every version of every source record, exactly as the source delivered it. Append-only.
CREATE TABLE raw_records (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  source text NOT NULL,
  source_id text NOT NULL,
  entity_type text NOT NULL,
  data jsonb NOT NULL,
  fetched_at timestamptz NOT NULL DEFAULT now(),
  checksum text NOT NULL,
  CONSTRAINT raw_records_source_unique UNIQUE (source, source_id, checksum)
);
CREATE INDEX idx_raw_records_data ON raw_records USING GIN (data);
CREATE INDEX idx_raw_records_source ON raw_records (source, fetched_at DESC);
CREATE TRIGGER raw_records_append_only
BEFORE UPDATE OR DELETE ON raw_records
FOR EACH ROW EXECUTE FUNCTION atlas_common.reject_update_delete();
CREATE TRIGGER raw_records_no_truncate
BEFORE TRUNCATE ON raw_records
FOR EACH STATEMENT EXECUTE FUNCTION atlas_common.reject_update_delete();
GRANT SELECT, INSERT ON raw_records TO atlas_ingest_app;

-- Latest version of each source record, so "is this content new?" is one index probe at any volume.
-- Updated in the transaction that stores the version; removed_at is set when the source dropped it.
CREATE TABLE raw_record_heads (
  source text NOT NULL,
  source_id text NOT NULL,
  entity_type text NOT NULL,
  raw_record_id uuid NOT NULL REFERENCES raw_records (id),
  checksum text NOT NULL,
  doi text,
  material jsonb NOT NULL DEFAULT '{}'::jsonb,
  version integer NOT NULL,
  removed_at timestamptz,
  seen_run_id uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, source_id)
);
CREATE INDEX raw_record_heads_doi_idx ON raw_record_heads (doi) WHERE doi IS NOT NULL;
GRANT SELECT, INSERT, UPDATE ON raw_record_heads TO atlas_ingest_app;

-- One bulk import: its inputs, state and counts.
CREATE TABLE import_runs (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  inputs jsonb NOT NULL,
  input_key text NOT NULL,
  format text NOT NULL DEFAULT 'auto',
  complete_for text[] NOT NULL DEFAULT '{}',
  requested_by text,
  inserted bigint NOT NULL DEFAULT 0,
  updated bigint NOT NULL DEFAULT 0,
  unchanged bigint NOT NULL DEFAULT 0,
  removed bigint NOT NULL DEFAULT 0,
  rejected bigint NOT NULL DEFAULT 0,
  failure text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX import_runs_input_key_idx ON import_runs (input_key, created_at DESC);
GRANT SELECT, INSERT, UPDATE ON import_runs TO atlas_ingest_app;

-- Progress of one file of a run, committed with each batch so a restarted run skips what is stored.
CREATE TABLE import_run_files (
  run_id uuid NOT NULL REFERENCES import_runs (id),
  path text NOT NULL,
  position integer NOT NULL,
  size_bytes bigint NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done')),
  items_committed bigint NOT NULL DEFAULT 0,
  bytes_committed bigint NOT NULL DEFAULT 0,
  last_line integer,
  last_index integer,
  inserted bigint NOT NULL DEFAULT 0,
  updated bigint NOT NULL DEFAULT 0,
  unchanged bigint NOT NULL DEFAULT 0,
  rejected bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, path)
);
GRANT SELECT, INSERT, UPDATE ON import_run_files TO atlas_ingest_app;

-- Why a record, line or file of a run was not stored. Append-only.
CREATE TABLE import_rejections (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  run_id uuid NOT NULL REFERENCES import_runs (id),
  file text NOT NULL,
  line integer,
  record_index integer,
  record_id text,
  code text NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_rejections_run_idx ON import_rejections (run_id, id);
CREATE TRIGGER import_rejections_append_only
BEFORE UPDATE OR DELETE ON import_rejections
FOR EACH ROW EXECUTE FUNCTION atlas_common.reject_update_delete();
GRANT SELECT, INSERT ON import_rejections TO atlas_ingest_app;
