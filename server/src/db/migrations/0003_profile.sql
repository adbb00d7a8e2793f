ALTER TABLE "memberships" ADD COLUMN "employment" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "alternate_email" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "personal" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "recovery_email" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "recovery_email_pending" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "recovery_email_token_hash" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "recovery_email_token_expires_at" timestamp with time zone;