-- Author positions decided per profile. The notification service consumes candidates proposed (from
-- matching) and decisions recorded (from verification) on separate consumers, so a decision can be
-- applied before the proposal it decides. This table lets a late proposal see that its position was
-- already decided, instead of adding a reminder for it that no later event would remove.
CREATE TABLE decided_candidates (
  profile_id uuid NOT NULL,
  source text NOT NULL,
  source_id text NOT NULL,
  author_position integer NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (profile_id, source, source_id, author_position)
);

GRANT SELECT, INSERT, DELETE ON decided_candidates TO atlas_notification_app;
