-- Set-ups started before they were bound to a session could be shown to any other session: they go.
DELETE FROM "mfa_factors" WHERE "confirmed_at" IS NULL;--> statement-breakpoint
ALTER TABLE "mfa_factors" ADD COLUMN "setup_session_id" uuid;--> statement-breakpoint
ALTER TABLE "mfa_factors" ADD CONSTRAINT "mfa_factors_setup_session_id_sessions_id_fk" FOREIGN KEY ("setup_session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Recovery codes left behind when a person removed their last factor stood in for nothing: they go.
DELETE FROM "recovery_codes" r WHERE NOT EXISTS (SELECT 1 FROM "mfa_factors" f WHERE f."user_id" = r."user_id" AND f."confirmed_at" IS NOT NULL);
