-- The admin lists' search ignores case and accents, as the portal's does: "eloise" finds "Éloïse",
-- "nunez" finds "Núñez". A text is folded by decomposing it (NFD), leaving out the combining marks
-- that decomposition puts apart, and lower-casing it by ICU's rules, so Greek and Cyrillic capitals fold
-- too where "C" would leave them (a PostgreSQL without ICU gets "C": accents still go, as they are
-- marks by then). Immutable, so the trigram indexes can hold it; both sides of a search go through it,
-- the typed term and the stored text alike. The collation is pg_catalog's, not tessera_names: an index
-- expression is evaluated with pg_catalog alone on the search path, where the schema's own is not seen.
-- ASCII text (one byte a character) has no marks to leave out and lower-cases alike under any
-- collation ("C" says so of A-Z alone, whatever the database's locale): it takes plain lower(), three times cheaper, which keeps the member search within its
-- 100 ms (bench S8 walks rows and folds each one for a broad term).
DO $$
DECLARE
  fold_collation text := CASE WHEN EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN 'und-x-icu' ELSE 'C' END;
BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION tessera_fold(t text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $body$ SELECT CASE WHEN octet_length(t) = char_length(t) THEN lower(t COLLATE "C") COLLATE "default"
        ELSE lower(regexp_replace(normalize(t, NFD), U&'[\0300-\036F\1AB0-\1AFF\1DC0-\1DFF\20D0-\20FF\FE20-\FE2F]', '', 'g') COLLATE %I) COLLATE "default" END $body$
  $f$, fold_collation);
END $$;
--> statement-breakpoint
-- The member search's trigram indexes (migration 0009), now over the folded texts the search compares.
DROP INDEX IF EXISTS users_email_trgm;
--> statement-breakpoint
DROP INDEX IF EXISTS users_name_trgm;
--> statement-breakpoint
DROP INDEX IF EXISTS memberships_username_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS users_email_fold_trgm ON users USING gin ((tessera_fold(email_canonical)) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS users_name_fold_trgm ON users USING gin ((tessera_fold(first_name || ' ' || last_name)) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS memberships_username_fold_trgm ON memberships USING gin ((tessera_fold(coalesce(username, ''))) gin_trgm_ops);
