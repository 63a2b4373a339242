-- Outbox and inbox tables as every service schema has them; run with search_path set to that schema.
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

CREATE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('atlas_outbox_' || TG_TABLE_SCHEMA, '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events
  FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox();

-- A side-effect table for consumer tests: one row per applied event.
CREATE TABLE applied_effects (event_id uuid NOT NULL, work_id text NOT NULL);
