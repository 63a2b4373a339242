-- Notifications shown to profiles, the read model of profile contact data, and the working tables of
-- the aggregation, reminder and digest jobs (schema notification).

-- profile_id belongs to the verification service's schema, so no foreign key crosses to it; events keep
-- it consistent (an erased profile's notifications are deleted when its erasure event arrives).
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(),
  profile_id uuid NOT NULL,
  type text NOT NULL,
  title text NOT NULL,
  body text,
  resource_type text,
  resource_id uuid,
  read boolean NOT NULL DEFAULT false,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT notifications_title_length CHECK (char_length(title) BETWEEN 1 AND 200),
  CONSTRAINT notifications_body_length CHECK (body IS NULL OR char_length(body) <= 2000),
  CONSTRAINT notifications_resource_pair CHECK ((resource_type IS NULL) = (resource_id IS NULL))
);
-- The unread badge and the unread-only list.
CREATE INDEX idx_notifications_unread ON notifications (profile_id, created_at DESC) WHERE read = false;
-- Lists newest first and replays after a Last-Event-ID; ids are UUIDv7, so id order is creation order.
CREATE INDEX notifications_profile_id_idx ON notifications (profile_id, id);

-- Contact address and e-mail settings of each profile, from profile changed and erased events.
CREATE TABLE profile_contacts (
  profile_id uuid PRIMARY KEY,
  display_name text NOT NULL,
  contact_email text,
  notification_frequency text NOT NULL,
  entity_version bigint NOT NULL,
  erased_at timestamptz,
  last_digest_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT profile_contacts_frequency CHECK (notification_frequency IN ('immediate', 'daily', 'weekly', 'never'))
);
CREATE INDEX profile_contacts_digest_idx ON profile_contacts (notification_frequency, last_digest_at)
  WHERE erased_at IS NULL AND contact_email IS NOT NULL;

-- New candidates counted per profile until the aggregation window closes; a timer turns each row into
-- one notification. Rows are claimed with FOR UPDATE SKIP LOCKED, so replicas never flush one twice.
CREATE TABLE candidate_aggregations (
  profile_id uuid PRIMARY KEY,
  candidate_count integer NOT NULL,
  conflict_count integer NOT NULL DEFAULT 0,
  first_proposed_at timestamptz NOT NULL,
  last_proposed_at timestamptz NOT NULL
);
CREATE INDEX candidate_aggregations_first_idx ON candidate_aggregations (first_proposed_at);

-- Candidates proposed and not yet decided, per (record, author position, profile), for reminders.
CREATE TABLE pending_candidates (
  profile_id uuid NOT NULL,
  source text NOT NULL,
  source_id text NOT NULL,
  author_position integer NOT NULL,
  proposed_at timestamptz NOT NULL,
  PRIMARY KEY (profile_id, source, source_id, author_position)
);
CREATE INDEX pending_candidates_record_idx ON pending_candidates (source, source_id);

-- When each profile was last reminded of its old pending candidates.
CREATE TABLE reminder_state (
  profile_id uuid PRIMARY KEY,
  last_reminded_at timestamptz NOT NULL
);

GRANT SELECT, INSERT, UPDATE, DELETE ON notifications TO atlas_notification_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON profile_contacts TO atlas_notification_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON candidate_aggregations TO atlas_notification_app;
GRANT SELECT, INSERT, DELETE ON pending_candidates TO atlas_notification_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON reminder_state TO atlas_notification_app;
