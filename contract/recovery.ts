import { z } from 'zod';
import { emailField, passwordField, tokenField } from './fields.ts';
import { passwordPolicySchema } from './password-policy.ts';

/** POST /api/auth/password-reset — always 202, whether or not the address has an account. */
export const requestPasswordResetInput = z.object({ email: emailField });
/** POST /api/auth/password-reset/check — the token travels in the body, never in a URL. */
export const checkPasswordResetInput = z.object({ token: tokenField });
export const passwordResetInfoSchema = z.object({ email: z.string(), policy: passwordPolicySchema });
/** POST /api/auth/password-reset/complete */
export const completePasswordResetInput = z.object({ token: tokenField, password: passwordField });
