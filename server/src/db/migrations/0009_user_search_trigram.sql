-- The admin's user search matches any part of a name, e-mail or username ('%term%'): trigram indexes
-- keep it fast at 100 000 members.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS users_email_trgm ON users USING gin (email_canonical gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS users_name_trgm ON users USING gin ((lower(first_name || ' ' || last_name)) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS memberships_username_trgm ON memberships USING gin ((lower(coalesce(username, ''))) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS memberships_org_created ON memberships (org_id, created_at);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS users_sort_name ON users ((lower(last_name || ' ' || first_name || ' ' || email_canonical)), (id::text));
