import { z } from 'zod';
import { checkPasswordRules, type PasswordPolicy } from '../../../contract/password-policy.ts';

// The page checks the policy with the shared checkPasswordRules, so its messages are the checklist's;
// the server checks again (and bounds the size with the contract's passwordField).

/** A new password that passes every rule of the checklist shown beside it. */
export function policyPassword(policy: PasswordPolicy) {
  return z
    .string()
    .min(1)
    .refine((p) => checkPasswordRules(policy, p).every((r) => r.ok), { error: 'validation.passwordRules' });
}

/** Adds "Confirm password", which must repeat `password`. */
export function withConfirmation<S extends z.ZodObject<{ password: z.ZodType<string> }>>(schema: S) {
  return schema.extend({ confirm: z.string() }).refine((v) => v.confirm === v.password, {
    path: ['confirm'],
    error: 'validation.passwordsDiffer',
    // Say so even while other fields still have errors, not only once everything else is right.
    when: (payload) => typeof (payload.value as { confirm?: unknown }).confirm === 'string',
  });
}

/** New password + confirmation, for the sign-in "Set a new password" step and the reset page. */
export function newPasswordSchema(policy: PasswordPolicy) {
  return withConfirmation(z.object({ password: policyPassword(policy) }));
}
