-- Live keys' names were not unique before: a later duplicate keeps its name with a short suffix of its id, so the index can be built.
UPDATE "api_keys" SET "name" = "api_keys"."name" || ' (' || left("api_keys"."id"::text, 8) || ')'
FROM (SELECT "id", row_number() OVER (PARTITION BY "org_id", lower("name") ORDER BY "created_at", "id") AS "n" FROM "api_keys" WHERE "revoked_at" IS NULL) AS "ranked"
WHERE "ranked"."id" = "api_keys"."id" AND "ranked"."n" > 1;
--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_org_live_name" ON "api_keys" USING btree ("org_id",lower("name")) WHERE "api_keys"."revoked_at" is null;