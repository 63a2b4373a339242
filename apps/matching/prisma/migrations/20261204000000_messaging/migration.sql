-- Transactional outbox and consumer inbox of the matching service (schema matching).
CREATE TABLE outbox_events (
  id uuid PRIMARY KEY,
  subject text NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}'::jsonb,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX outbox_events_unsent_idx ON outbox_events (created_at) WHERE sent_at IS NULL;
CREATE INDEX outbox_events_sent_idx ON outbox_events (sent_at) WHERE sent_at IS NOT NULL;
CREATE TABLE inbox_events (
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  subject text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
CREATE INDEX inbox_events_received_idx ON inbox_events (received_at);

-- The service writes events, the relay marks them sent, the purge deletes sent ones.
GRANT SELECT, INSERT, DELETE ON outbox_events TO atlas_matching_app;
GRANT UPDATE (sent_at) ON outbox_events TO atlas_matching_app;
-- Consumers record handled event ids; the purge deletes old ones.
GRANT SELECT, INSERT, DELETE ON inbox_events TO atlas_matching_app;

-- Wakes a relay that LISTENs on this channel once per inserting statement, so it need not poll.
CREATE FUNCTION notify_outbox_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('atlas_outbox_matching', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER outbox_events_notify
AFTER INSERT ON outbox_events
FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox_insert();
