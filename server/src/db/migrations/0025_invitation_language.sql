ALTER TABLE "invitations" ADD COLUMN "language" text;--> statement-breakpoint
-- Invitations of people who became members another way were left pending: they count as accepted.
UPDATE "invitations" i SET "accepted_at" = now() FROM "users" u, "memberships" m
  WHERE u."email_canonical" = i."email_canonical" AND m."user_id" = u."id" AND m."org_id" = i."org_id" AND i."accepted_at" IS NULL AND i."revoked_at" IS NULL;
