ALTER TABLE "users" ALTER COLUMN "language" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "language" DROP NOT NULL;--> statement-breakpoint
-- Until now nobody could choose: every 'en' here is the old default, not a choice.
UPDATE "users" SET "language" = NULL;
