-- Canonical works, their sources and authorships, merges with undo, curator proposals, unlinks,
-- and the multilingual accent-insensitive search over titles and author names.

-- Text search configurations that fold accents before stemming, so `resume` finds `résumé`.
CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION english_unaccent
  ALTER MAPPING FOR hword, hword_part, word WITH atlas_common.unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION french_unaccent
  ALTER MAPPING FOR hword, hword_part, word WITH atlas_common.unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION names_unaccent (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION names_unaccent
  ALTER MAPPING FOR hword, hword_part, word WITH atlas_common.unaccent, simple;

CREATE TABLE canonical_works (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  primary_doi text UNIQUE,
  title text NOT NULL,
  publication_date date,
  -- Date as precise as the sources gave it (`2018`, `2018-02`, `2018-02-13`).
  publication_date_text text,
  publication_year integer,
  type text NOT NULL,
  venue_id uuid,
  venue_name text,
  issns text[] NOT NULL DEFAULT '{}',
  identifiers jsonb NOT NULL DEFAULT '{}'::jsonb,
  authors jsonb NOT NULL DEFAULT '[]'::jsonb,
  author_count integer NOT NULL DEFAULT 0,
  -- Author names joined by spaces, for the full-text search.
  author_names text NOT NULL DEFAULT '',
  arxiv_id text,
  arxiv_doi text,
  version_dois text[] NOT NULL DEFAULT '{}',
  title_fingerprint text NOT NULL,
  first_author_surname text,
  is_retracted boolean NOT NULL DEFAULT false,
  merged_from jsonb NOT NULL DEFAULT '[]'::jsonb,
  merge_status text NOT NULL DEFAULT 'auto',
  -- Primary work this one was merged into; merges keep one level, so this never points at a merged work.
  merged_into_id uuid REFERENCES canonical_works (id),
  merge_role text CHECK (merge_role IN ('version', 'duplicate', 'erratum')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Search document of a work: its title stemmed in English and in French, and its author names, all unaccented.
CREATE FUNCTION work_search_document(title text, author_names text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('verification.english_unaccent'::regconfig, coalesce(title, '')), 'A')
      || setweight(to_tsvector('verification.french_unaccent'::regconfig, coalesce(title, '')), 'A')
      || setweight(to_tsvector('verification.names_unaccent'::regconfig, coalesce(author_names, '')), 'B')
$$;
-- Query matching a search document: the text parsed with each configuration, any of them may match.
CREATE FUNCTION work_search_query(search text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT websearch_to_tsquery('verification.english_unaccent'::regconfig, search)
      || websearch_to_tsquery('verification.french_unaccent'::regconfig, search)
      || websearch_to_tsquery('verification.names_unaccent'::regconfig, search)
$$;

CREATE INDEX idx_works_title_fts ON canonical_works USING gin (work_search_document(title, author_names));
CREATE INDEX idx_works_date ON canonical_works (publication_date DESC);
CREATE INDEX idx_works_arxiv ON canonical_works (arxiv_id) WHERE arxiv_id IS NOT NULL;
CREATE INDEX idx_works_version_dois ON canonical_works USING gin (version_dois);
CREATE INDEX idx_works_fingerprint ON canonical_works (title_fingerprint, publication_year, first_author_surname);
CREATE INDEX idx_works_merged_into ON canonical_works (merged_into_id) WHERE merged_into_id IS NOT NULL;

-- Source records attached to a work and the role each plays there.
CREATE TABLE work_sources (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  work_id uuid NOT NULL REFERENCES canonical_works (id),
  source text NOT NULL,
  source_id text NOT NULL,
  raw_record_id uuid NOT NULL,
  checksum text NOT NULL,
  role text NOT NULL CHECK (role IN ('primary', 'version', 'duplicate', 'erratum')),
  attached_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT work_source_unique UNIQUE (work_id, source, source_id)
);
CREATE INDEX idx_work_sources_record ON work_sources (source, source_id);

CREATE TABLE work_authorships (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  work_id uuid NOT NULL REFERENCES canonical_works (id) ON DELETE CASCADE,
  profile_id uuid NOT NULL REFERENCES author_profiles (id) ON DELETE CASCADE,
  position integer,
  is_corresponding boolean NOT NULL DEFAULT false,
  affiliation_at_time text,
  verification_act_id uuid REFERENCES verification_acts (id),
  raw_contributions jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT authorship_unique UNIQUE (work_id, profile_id)
);
CREATE INDEX idx_authorships_profile ON work_authorships (profile_id);
CREATE INDEX idx_authorships_work ON work_authorships (work_id);

-- Every merge: who asked, for whom, when, and when it was undone.
CREATE TABLE work_merges (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  primary_work_id uuid NOT NULL REFERENCES canonical_works (id),
  requested_for uuid NOT NULL REFERENCES author_profiles (id),
  merged_by jsonb NOT NULL,
  notes text CHECK (length(notes) <= 4000),
  merged_at timestamptz NOT NULL DEFAULT now(),
  undone_at timestamptz,
  undone_by jsonb
);

CREATE TABLE work_merge_items (
  merge_id uuid NOT NULL REFERENCES work_merges (id),
  work_id uuid NOT NULL REFERENCES canonical_works (id),
  role text NOT NULL CHECK (role IN ('primary', 'version', 'duplicate', 'erratum')),
  -- Primary the work pointed at before this merge re-pointed it, restored on undo.
  previous_merged_into_id uuid,
  previous_role text,
  PRIMARY KEY (merge_id, work_id)
);

-- Merges that touch a work another profile confirmed wait here for a curator.
CREATE TABLE work_merge_proposals (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  primary_work_id uuid NOT NULL REFERENCES canonical_works (id),
  merged jsonb NOT NULL,
  requested_for uuid NOT NULL REFERENCES author_profiles (id),
  requested_by jsonb NOT NULL,
  affected_profile_ids uuid[] NOT NULL,
  notes text CHECK (length(notes) <= 4000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined')),
  proposed_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  decided_by jsonb
);
CREATE INDEX idx_merge_proposals_open ON work_merge_proposals (proposed_at) WHERE status = 'open';

-- Authorships a profile removed from shared works.
CREATE TABLE work_unlinks (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  work_id uuid NOT NULL REFERENCES canonical_works (id),
  profile_id uuid NOT NULL REFERENCES author_profiles (id),
  unlinked_by jsonb NOT NULL,
  notes text CHECK (length(notes) <= 4000),
  unlinked_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER work_unlinks_append_only
  BEFORE UPDATE OR DELETE ON work_unlinks
  FOR EACH ROW EXECUTE FUNCTION atlas_common.reject_update_delete();

GRANT SELECT, INSERT, UPDATE ON canonical_works TO atlas_verification_app;
GRANT SELECT, INSERT, UPDATE ON work_sources TO atlas_verification_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON work_authorships TO atlas_verification_app;
GRANT SELECT, INSERT, UPDATE ON work_merges TO atlas_verification_app;
GRANT SELECT, INSERT ON work_merge_items TO atlas_verification_app;
GRANT SELECT, INSERT, UPDATE ON work_merge_proposals TO atlas_verification_app;
GRANT SELECT, INSERT ON work_unlinks TO atlas_verification_app;
GRANT EXECUTE ON FUNCTION work_search_document(text, text), work_search_query(text) TO atlas_verification_app;
