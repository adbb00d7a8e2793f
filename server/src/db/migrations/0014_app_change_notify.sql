-- Every Tessera process caches OIDC clients; a change or deletion of an application, made by any
-- process or by hand, tells them all on commit (NOTIFY is transactional), whoever wrote the row.
CREATE OR REPLACE FUNCTION apps_notify_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('tessera_app_changed', OLD.id::text);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER apps_changed AFTER UPDATE OR DELETE ON apps
  FOR EACH ROW EXECUTE FUNCTION apps_notify_changed();
