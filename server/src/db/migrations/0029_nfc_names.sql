-- One-line text is NFC-normalized on input now (contract/fields.ts lineText); what was written before
-- may be decomposed, so "Café" typed two ways was two groups or two applications and sorted apart.
-- Where normalizing makes two names of one organization the same (any case), the older keeps the
-- name and each later one gets a short suffix of its id, as 0021 did. The suffixes come first, so
-- no name is normalized onto one still in use.
UPDATE "groups" SET "name" = normalize("groups"."name", NFC) || ' (' || left("groups"."id"::text, 8) || ')'
FROM (SELECT "id", row_number() OVER (PARTITION BY "org_id", lower(normalize("name", NFC)) ORDER BY "created_at", "id") AS "n" FROM "groups") AS "ranked"
WHERE "ranked"."id" = "groups"."id" AND "ranked"."n" > 1;
--> statement-breakpoint
UPDATE "groups" SET "name" = normalize("name", NFC) WHERE "name" IS NOT NFC NORMALIZED;
--> statement-breakpoint
UPDATE "apps" SET "name" = normalize("apps"."name", NFC) || ' (' || left("apps"."id"::text, 8) || ')'
FROM (SELECT "id", row_number() OVER (PARTITION BY "org_id", lower(normalize("name", NFC)) ORDER BY "created_at", "id") AS "n" FROM "apps") AS "ranked"
WHERE "ranked"."id" = "apps"."id" AND "ranked"."n" > 1;
--> statement-breakpoint
UPDATE "apps" SET "name" = normalize("name", NFC) WHERE "name" IS NOT NFC NORMALIZED;
--> statement-breakpoint
UPDATE "orgs" SET "name" = normalize("name", NFC) WHERE "name" IS NOT NFC NORMALIZED;
--> statement-breakpoint
UPDATE "users" SET "first_name" = normalize("first_name", NFC), "last_name" = normalize("last_name", NFC)
WHERE "first_name" IS NOT NFC NORMALIZED OR "last_name" IS NOT NFC NORMALIZED;
--> statement-breakpoint
UPDATE "invitations" SET "first_name" = normalize("first_name", NFC), "last_name" = normalize("last_name", NFC)
WHERE "first_name" IS NOT NFC NORMALIZED OR "last_name" IS NOT NFC NORMALIZED;
--> statement-breakpoint
UPDATE "mfa_factors" SET "name" = normalize("name", NFC) WHERE "name" IS NOT NFC NORMALIZED;
--> statement-breakpoint
UPDATE "ssh_keys" SET "name" = normalize("name", NFC) WHERE "name" IS NOT NFC NORMALIZED;
--> statement-breakpoint
UPDATE "api_keys" SET "name" = normalize("name", NFC) WHERE "name" IS NOT NFC NORMALIZED;
--> statement-breakpoint
-- The one-line fields kept in JSON: the organization's display name, a person's address (personal)
-- and their employment details. Every string in these objects is lineText or ASCII, and jsonb's text
-- form writes non-ASCII characters as they are, between ASCII punctuation that nothing composes
-- with, so normalizing the whole text normalizes each value.
UPDATE "orgs" SET "branding" = normalize("branding"::text, NFC)::jsonb WHERE "branding"::text IS NOT NFC NORMALIZED;
--> statement-breakpoint
UPDATE "users" SET "personal" = normalize("personal"::text, NFC)::jsonb WHERE "personal"::text IS NOT NFC NORMALIZED;
--> statement-breakpoint
UPDATE "memberships" SET "employment" = normalize("employment"::text, NFC)::jsonb WHERE "employment"::text IS NOT NFC NORMALIZED;
