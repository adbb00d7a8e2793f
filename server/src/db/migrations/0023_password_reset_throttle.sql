ALTER TABLE "password_resets" ADD COLUMN "requests" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "password_resets" ADD COLUMN "window_started_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Two requests at the same moment could each have left a link: the newest stays.
DELETE FROM "password_resets" p USING "password_resets" q WHERE p."user_id" = q."user_id" AND (p."created_at", p."id") < (q."created_at", q."id");--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_user_id_unique" UNIQUE("user_id");