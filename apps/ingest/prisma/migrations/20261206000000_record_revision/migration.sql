-- Order of the copies of one source record, so that the latest version does not depend on the order
-- in which files are imported: the source's own revision time first, then the size of the content.
-- A copy that ranks below the latest version is kept as a version but does not replace it.
ALTER TABLE raw_record_heads
  ADD COLUMN revised_at timestamptz,
  ADD COLUMN content_size integer NOT NULL DEFAULT 0;
