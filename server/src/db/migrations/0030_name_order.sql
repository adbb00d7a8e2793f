-- Names sort as people read them: "Éluard" between "Eco" and "Zola", not after "Zola" as the "C"
-- collation has it (byte order puts every accented letter after z). tessera_names is ICU's root
-- collation, language-neutral and deterministic; on a PostgreSQL built without ICU it falls back to
-- "C", so the migration never fails there (lists then sort as before).
DO $$
BEGIN
  CREATE COLLATION IF NOT EXISTS tessera_names (provider = icu, locale = 'und');
EXCEPTION WHEN OTHERS THEN
  CREATE COLLATION IF NOT EXISTS tessera_names FROM "C";
END $$;
--> statement-breakpoint
-- The admin's member list sorts and pages by name through this index (bench S8): same expression, new order.
DROP INDEX IF EXISTS users_sort_name;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS users_sort_name ON users ((lower(last_name || ' ' || first_name || ' ' || email_canonical) COLLATE tessera_names), (id::text));
