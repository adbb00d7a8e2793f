CREATE TABLE "password_reminders" (
	"user_id" uuid NOT NULL,
	"threshold_days" integer NOT NULL,
	"password_changed_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "password_reminders_user_id_threshold_days_password_changed_at_pk" PRIMARY KEY("user_id","threshold_days","password_changed_at")
);
