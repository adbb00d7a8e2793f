import { z } from 'zod';

/** An organization's password policy. Defaults follow NIST SP 800-63B / OWASP ASVS 5.0 L2. */
export const passwordPolicySchema = z.object({
  minLength: z.number().int().min(8).max(128).default(12),
  requireLower: z.boolean().default(false),
  requireUpper: z.boolean().default(false),
  requireDigit: z.boolean().default(false),
  requireSymbol: z.boolean().default(false),
  /** Refuse the last N passwords (0 = no history check). */
  historyCount: z.number().int().min(0).max(24).default(5),
  /** Days a password lives; 0 = never expires. */
  maxAgeDays: z.number().int().min(0).max(3650).default(0),
  /** Days before expiry when a reminder is mailed (and one on the day it expires). */
  reminderDays: z.array(z.number().int().min(1).max(365)).max(10).default([14, 7, 1]),
});
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

/** Bounds before any hashing: longer passwords are refused outright (argon2id cost, DoS). */
export const PASSWORD_MAX_BYTES = 1024;

export type PasswordRule = 'minLength' | 'lower' | 'upper' | 'digit' | 'symbol';
/** Every rule a refusal (422 password.policy, `rules`) can name: the checklist's, and those only the server checks. */
export type RefusedPasswordRule = PasswordRule | 'common' | 'identity' | 'history';

/**
 * The checklist both the page (ticked live) and the server (enforced) use, so they never disagree.
 * Rules needing secrets or data (common list, history) are checked on the server only.
 */
export function checkPasswordRules(policy: PasswordPolicy, password: string): { rule: PasswordRule; ok: boolean; min?: number }[] {
  const rules: { rule: PasswordRule; ok: boolean; min?: number }[] = [
    { rule: 'minLength', ok: [...password].length >= policy.minLength, min: policy.minLength },
  ];
  if (policy.requireLower) rules.push({ rule: 'lower', ok: /\p{Ll}/u.test(password) });
  if (policy.requireUpper) rules.push({ rule: 'upper', ok: /\p{Lu}/u.test(password) });
  if (policy.requireDigit) rules.push({ rule: 'digit', ok: /\p{Nd}/u.test(password) });
  if (policy.requireSymbol) rules.push({ rule: 'symbol', ok: /[^\p{L}\p{Nd}\s]/u.test(password) });
  return rules;
}

/** The strictest combination of several policies (a user in several organizations has one password). */
export function strictestPasswordPolicy(policies: PasswordPolicy[]): PasswordPolicy {
  const base = passwordPolicySchema.parse({});
  if (policies.length === 0) return base;
  const positiveMin = (xs: number[]) => (xs.some((x) => x > 0) ? Math.min(...xs.filter((x) => x > 0)) : 0);
  return {
    minLength: Math.max(...policies.map((p) => p.minLength)),
    requireLower: policies.some((p) => p.requireLower),
    requireUpper: policies.some((p) => p.requireUpper),
    requireDigit: policies.some((p) => p.requireDigit),
    requireSymbol: policies.some((p) => p.requireSymbol),
    historyCount: Math.max(...policies.map((p) => p.historyCount)),
    maxAgeDays: positiveMin(policies.map((p) => p.maxAgeDays)),
    reminderDays: [...new Set(policies.flatMap((p) => p.reminderDays))].sort((a, b) => b - a),
  };
}
