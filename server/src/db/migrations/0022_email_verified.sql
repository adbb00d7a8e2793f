ALTER TABLE "users" ADD COLUMN "email_verified_at" timestamp with time zone;--> statement-breakpoint
-- Accounts made before this column cannot tell who set them up: they are taken as proven, as they were treated until now.
UPDATE "users" SET "email_verified_at" = "created_at";
