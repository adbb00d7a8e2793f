-- Audit rows stay append-only, with one exception: the retention job, which says so for its own
-- transaction (SET LOCAL tessera.audit_retention = 'on'), may delete rows older than 30 days.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('tessera.audit_retention', true) = 'on'
     AND OLD.at < now() - interval '30 days' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$ LANGUAGE plpgsql;
