import { lockoutPolicySchema, orgPoliciesSchema, type LockoutPolicy, type OrgPolicies } from '../../../../contract/org-policies.ts';

// The schemas are the HTTP contract (contract/org-policies.ts); the rules over them stay here.
export { orgPoliciesSchema, type LockoutPolicy, type OrgPolicies };

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

/** Applies a change section by section, field by field; the result is checked as a whole. */
export function mergeOrgPolicies(before: OrgPolicies, patch: { [K in keyof OrgPolicies]?: Partial<OrgPolicies[K]> }): OrgPolicies {
  const merged = Object.fromEntries(Object.entries(before).map(([section, values]) => [section, { ...values, ...(patch[section as keyof OrgPolicies] ?? {}) }]));
  return orgPoliciesSchema.parse(merged);
}
