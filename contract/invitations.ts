import { z } from 'zod';
import { emailField, nameField, passwordField, tokenField, usernameField, languageField, TEXT_MESSAGES } from './fields.ts';
import { passwordPolicySchema } from './password-policy.ts';
import { pageSchema } from './list-query.ts';

/** POST /api/auth/invitations/check */
export const checkInvitationInput = z.object({ token: tokenField });
export const invitationInfoSchema = z.object({
  email: z.string(),
  organization: z.object({ slug: z.string(), name: z.string() }),
  /** The address already has a Tessera account: sign in, then join (no second password). */
  accountExists: z.boolean(),
  /**
   * That account belongs to no organization it could sign in to (removed from its only one): the
   * link alone joins, and the person then signs in as usual.
   */
  joinsBeforeSignIn: z.boolean(),
  policy: passwordPolicySchema,
});
/** POST /api/auth/invitations/accept — `password` for a new account; none when signed in as the invitee. */
/** `language`: the one the account creation page spoke, kept as the new account's. */
export const acceptInvitationInput = z.object({ token: tokenField, password: passwordField.optional(), language: languageField.optional() });

/** POST /api/admin/invitations */
export const createInvitationInput = z.object({
  email: emailField,
  role: z.enum(['member', 'admin'], { error: TEXT_MESSAGES.role }).default('member'),
  firstName: nameField.optional(),
  lastName: nameField.optional(),
  username: usernameField.optional(),
  language: languageField.optional(),
});
export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(['member', 'admin']),
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type Invitation = z.infer<typeof invitationSchema>;
/** POST /api/admin/invitations: `replacedEarlier` when a pending invitation to that address was replaced (its link no longer works). */
export const sentInvitationSchema = invitationSchema.extend({ replacedEarlier: z.boolean() });
export type SentInvitation = z.infer<typeof sentInvitationSchema>;
/** GET /api/admin/invitations */
export const invitationPageSchema = pageSchema(invitationSchema);
