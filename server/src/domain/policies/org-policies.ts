import { z } from 'zod';
import { passwordPolicySchema } from '../../../../contract/password-policy.ts';

export const lockoutPolicySchema = z.object({
  maxFailures: z.number().int().min(1).max(100).default(10),
  /** 0 = locked until an administrator unlocks. */
  durationMinutes: z.number().int().min(0).max(10080).default(30),
});

export const sessionPolicySchema = z.object({
  idleMinutes: z.number().int().min(5).max(43200).default(480),
  absoluteHours: z.number().int().min(1).max(8760).default(24),
  rememberMeDays: z.number().int().min(0).max(365).default(30),
});

export const orgPoliciesSchema = z.object({
  password: passwordPolicySchema.prefault({}),
  lockout: lockoutPolicySchema.prefault({}),
  session: sessionPolicySchema.prefault({}),
});

export type OrgPolicies = z.infer<typeof orgPoliciesSchema>;
export type LockoutPolicy = z.infer<typeof lockoutPolicySchema>;

/** Stored JSON may predate a field: parsing fills defaults, and a corrupt value falls back to them. */
export function parseOrgPolicies(raw: unknown): OrgPolicies {
  const parsed = orgPoliciesSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : orgPoliciesSchema.parse({});
}

/** The strictest lockout among a user's organizations (fewest tries, longest lock; 0 = indefinite). */
export function strictestLockout(policies: LockoutPolicy[]): LockoutPolicy {
  if (policies.length === 0) return lockoutPolicySchema.parse({});
  const durations = policies.map((p) => p.durationMinutes);
  return {
    maxFailures: Math.min(...policies.map((p) => p.maxFailures)),
    durationMinutes: durations.includes(0) ? 0 : Math.max(...durations),
  };
}
