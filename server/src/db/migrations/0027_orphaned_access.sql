-- Removing a member used to leave their groups and direct assignments of that organization behind,
-- for a later invitation to restore silently. Whoever is no longer a member loses them now.
DELETE FROM "group_members" gm USING "groups" g
  WHERE g."id" = gm."group_id" AND NOT EXISTS (SELECT 1 FROM "memberships" m WHERE m."org_id" = g."org_id" AND m."user_id" = gm."user_id");--> statement-breakpoint
DELETE FROM "app_assignments" aa USING "apps" a
  WHERE a."id" = aa."app_id" AND aa."user_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "memberships" m WHERE m."org_id" = a."org_id" AND m."user_id" = aa."user_id");
