CREATE TABLE "saml_session_apps" (
	"session_id" uuid NOT NULL,
	"app_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saml_session_apps_session_id_app_id_pk" PRIMARY KEY("session_id","app_id")
);
--> statement-breakpoint
ALTER TABLE "saml_session_apps" ADD CONSTRAINT "saml_session_apps_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saml_session_apps" ADD CONSTRAINT "saml_session_apps_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;