-- Record versions seen in proposals, candidates (one per source record, author position and profile),
-- the append-only acts, and the flags raised when a decided candidate's record changes.

-- The parsed work of each record version a proposal named, shared by that version's candidates.
-- raw_record_id points into the ingest schema; across schemas the id is kept without a constraint.
CREATE TABLE record_versions (
  raw_record_id uuid PRIMARY KEY,
  source text NOT NULL,
  source_id text NOT NULL,
  checksum text NOT NULL,
  work jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz
);
CREATE INDEX idx_record_versions_source ON record_versions (source, source_id);

CREATE TABLE candidate_matches (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  profile_id uuid NOT NULL REFERENCES author_profiles (id) ON DELETE CASCADE,
  source text NOT NULL,
  source_id text NOT NULL,
  author_position integer NOT NULL CHECK (author_position >= 1),
  raw_record_id uuid NOT NULL REFERENCES record_versions (raw_record_id),
  entity_type text NOT NULL DEFAULT 'work',
  match_score numeric(4, 3) NOT NULL CHECK (match_score BETWEEN 0 AND 1),
  match_reasons jsonb NOT NULL DEFAULT '[]'::jsonb,
  auto_confirm_eligible boolean NOT NULL DEFAULT false,
  conflicting_profile_ids uuid[] NOT NULL DEFAULT '{}',
  matcher_version text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN (
    'pending', 'confirmed', 'rejected', 'uncertain', 'auto_confirmed', 'auto_rejected', 'merged', 'expired')),
  author_name text NOT NULL,
  title text NOT NULL,
  work_type text NOT NULL,
  doi text,
  publication_date text,
  publication_year integer,
  -- Sort key of the queue's date order; candidates without a date sort last.
  publication_sort date NOT NULL DEFAULT '0001-01-01',
  venue_name text,
  url text,
  metadata jsonb,
  flagged boolean NOT NULL DEFAULT false,
  snoozed_until timestamptz,
  delegated_to uuid,
  work_id uuid,
  version integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  CONSTRAINT candidate_identity_unique UNIQUE (source, source_id, author_position, profile_id)
);
-- The queue: pending and uncertain candidates of one profile, in each keyset order.
CREATE INDEX idx_candidates_queue ON candidate_matches (profile_id, status, match_score DESC, id)
  WHERE status IN ('pending', 'uncertain');
CREATE INDEX idx_candidates_queue_date ON candidate_matches (profile_id, publication_sort DESC, id)
  WHERE status IN ('pending', 'uncertain');
CREATE INDEX idx_candidates_queue_received ON candidate_matches (profile_id, created_at DESC, id)
  WHERE status IN ('pending', 'uncertain');
CREATE INDEX idx_candidates_stats ON candidate_matches (profile_id, status);
CREATE INDEX idx_candidates_record ON candidate_matches (source, source_id);

CREATE TABLE verification_acts (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  candidate_match_id uuid NOT NULL REFERENCES candidate_matches (id),
  profile_id uuid NOT NULL REFERENCES author_profiles (id),
  raw_record_id uuid NOT NULL,
  decision text NOT NULL CHECK (decision IN (
    'confirm', 'reject', 'uncertain', 'claim_duplicate', 'claim_version', 'claim_error', 'delegate',
    'reopen', 'snooze', 'expire')),
  previous_status text NOT NULL,
  resulting_status text NOT NULL,
  confidence text CHECK (confidence IN ('certain', 'probable', 'possible', 'uncertain')),
  notes text CHECK (length(notes) <= 4000),
  evidence jsonb NOT NULL DEFAULT '[]'::jsonb,
  score numeric(4, 3) NOT NULL,
  work_id uuid,
  merge_role text,
  delegated_to uuid,
  error_report text,
  snoozed_until timestamptz,
  decided_at timestamptz NOT NULL DEFAULT now(),
  -- Account id, or `system` for automatic acts.
  decided_by text NOT NULL,
  decided_by_role text NOT NULL,
  on_behalf_of uuid,
  token_id uuid,
  decided_via text NOT NULL CHECK (decided_via IN ('web', 'api', 'import', 'auto')),
  client_info jsonb
);
CREATE INDEX idx_verifications_profile ON verification_acts (profile_id, decided_at DESC);
CREATE INDEX idx_verifications_candidate ON verification_acts (candidate_match_id, decided_at DESC);
CREATE TRIGGER verification_acts_append_only
  BEFORE UPDATE OR DELETE ON verification_acts
  FOR EACH ROW EXECUTE FUNCTION atlas_common.reject_update_delete();

-- A decided candidate whose record changed materially keeps its decision and gets a flag for review.
CREATE TABLE candidate_flags (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  candidate_id uuid NOT NULL REFERENCES candidate_matches (id),
  previous_raw_record_id uuid NOT NULL,
  raw_record_id uuid NOT NULL,
  reasons text[] NOT NULL,
  flagged_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);
CREATE INDEX idx_candidate_flags_open ON candidate_flags (candidate_id) WHERE resolved_at IS NULL;

GRANT SELECT, INSERT, UPDATE ON record_versions TO atlas_verification_app;
GRANT SELECT, INSERT, UPDATE ON candidate_matches TO atlas_verification_app;
GRANT SELECT, INSERT ON verification_acts TO atlas_verification_app;
GRANT SELECT, INSERT, UPDATE ON candidate_flags TO atlas_verification_app;
