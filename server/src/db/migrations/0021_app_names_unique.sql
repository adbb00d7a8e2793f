-- Names were not unique before: a later duplicate keeps its name with a short suffix of its id, so the index can be built.
UPDATE "apps" SET "name" = "apps"."name" || ' (' || left("apps"."id"::text, 8) || ')'
FROM (SELECT "id", row_number() OVER (PARTITION BY "org_id", lower("name") ORDER BY "created_at", "id") AS "n" FROM "apps") AS "ranked"
WHERE "ranked"."id" = "apps"."id" AND "ranked"."n" > 1;
--> statement-breakpoint
CREATE UNIQUE INDEX "apps_org_name" ON "apps" USING btree ("org_id",lower("name"));
