import { z } from 'zod';
import { passwordField } from './fields.ts';
import { passwordPolicySchema } from './password-policy.ts';

/** GET /api/me/password */
export const passwordStatusSchema = z.object({ changedAt: z.string().nullable(), expiresAt: z.string().nullable(), policy: passwordPolicySchema });
/** POST /api/me/password — "Current Password", "New Password", "Confirm Password". */
export const changePasswordInput = z.object({
  currentPassword: passwordField,
  newPassword: passwordField,
  /** Other sessions always end; this one too unless kept. */
  keepThisSession: z.boolean().default(true),
});

/** GET /api/me/sessions */
export const mySessionSchema = z.object({
  id: z.string(),
  /** null: not recognised from the User-Agent. */
  browser: z.string().nullable(),
  os: z.string().nullable(),
  ip: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});
export type MySession = z.infer<typeof mySessionSchema>;
