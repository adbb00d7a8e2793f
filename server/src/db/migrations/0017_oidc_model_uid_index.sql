DROP INDEX "oidc_payloads_uid";--> statement-breakpoint
CREATE INDEX "oidc_payloads_model_uid" ON "oidc_payloads" USING btree ("model","uid") WHERE "oidc_payloads"."uid" is not null;