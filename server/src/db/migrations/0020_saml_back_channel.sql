ALTER TABLE "saml_session_apps" DROP CONSTRAINT "saml_session_apps_session_id_sessions_id_fk";
--> statement-breakpoint
ALTER TABLE "saml_session_apps" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "saml_session_apps" ADD CONSTRAINT "saml_session_apps_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
UPDATE "saml_session_apps" SET "user_id" = "sessions"."user_id" FROM "sessions" WHERE "sessions"."id" = "saml_session_apps"."session_id";
