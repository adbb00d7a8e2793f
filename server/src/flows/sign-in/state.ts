import { z } from 'zod';

export const signInStateSchema = z.object({
  portal: z.enum(['user', 'admin']),
  identifier: z.string(),
  email: z.string(),
  returnTo: z.string().optional(),
  userId: z.string().optional(),
  amr: z.array(z.string()).default([]),
  authTime: z.string().optional(),
  orgChoices: z.array(z.string()).default([]),
  orgId: z.string().optional(),
  passwordChanged: z.boolean().default(false),
  /** A second factor (or a user-verified passkey) has been presented in this flow. */
  mfaAt: z.string().optional(),
  /** The current WebAuthn challenge; replaced by each options request, cleared once used. */
  challenge: z.object({ value: z.string(), expiresAt: z.number() }).optional(),
  /** An authenticator app being set up in this sign-in: its secret, sealed, shown only to this flow. */
  totpSetupSealed: z.string().optional(),
  /** Codes made at a first factor's set-up, sealed with the master key until acknowledged. */
  recoveryCodesSealed: z.string().optional(),
  passwordless: z.boolean().default(false),
  /**
   * Failures were counted against this address before the right password: they are cleared when the
   * sign-in completes, not at the password, so that knowing it does not reset a second factor's count.
   */
  failuresPending: z.boolean().default(false),
});
export type SignInState = z.infer<typeof signInStateSchema>;
