import { z } from 'zod';
import { passwordPolicySchema } from './password-policy.ts';
import { withoutDefaults } from './patch-schema.ts';

/**
 * An organization's policies, as stored and as GET/POST /api/admin/policies answer them. Every field
 * has a default, so stored JSON that predates a field still parses.
 */
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

export const mfaPolicySchema = z.object({
  mode: z.enum(['off', 'optional', 'required']).default('optional'),
  /** Under "required": sign-ins allowed before set-up is forced (0 = set up on the first one). */
  graceSignIns: z.number().int().min(0).max(100).default(0),
  /** "Sign in with a passkey" on the User Login page. */
  passwordless: z.boolean().default(true),
  /** A passwordless session asks for the authenticator again after this many hours. */
  reverifyHours: z.number().int().min(1).max(720).default(12),
  /** What members may set up. Factors a person already has keep working (they protect one identity). */
  methods: z.array(z.enum(['totp', 'webauthn'])).min(1).default(['totp', 'webauthn']),
});

/** Which profile sections members may edit themselves in the User Portal. */
export const profilePolicySchema = z.object({
  details: z.boolean().default(true),
  personal: z.boolean().default(true),
  employment: z.boolean().default(true),
});

/** How long the organization's audit log keeps events (never less than 30 days). */
export const auditPolicySchema = z.object({ retentionDays: z.number().int().min(30).max(3650).default(365) });

export const orgPoliciesSchema = z.object({
  password: passwordPolicySchema.prefault({}),
  lockout: lockoutPolicySchema.prefault({}),
  session: sessionPolicySchema.prefault({}),
  mfa: mfaPolicySchema.prefault({}),
  profile: profilePolicySchema.prefault({}),
  audit: auditPolicySchema.prefault({}),
});
export type MfaPolicy = z.infer<typeof mfaPolicySchema>;

export type OrgPolicies = z.infer<typeof orgPoliciesSchema>;
export type LockoutPolicy = z.infer<typeof lockoutPolicySchema>;

/**
 * The same shape with every field optional and no defaults: a change names only what it changes.
 * (A `.partial()` of the stored schema would fill the fields left out with their defaults and so
 * silently reset them.)
 */
function patchOf(schema: z.ZodType): z.ZodType {
  const inner = withoutDefaults(schema);
  if (!(inner instanceof z.ZodObject)) return inner;
  return z.strictObject(Object.fromEntries(Object.entries(inner.shape).map(([key, field]) => [key, patchOf(field as z.ZodType).optional()])));
}
export type OrgPoliciesPatch = { [K in keyof OrgPolicies]?: Partial<OrgPolicies[K]> };
export const orgPoliciesPatchSchema = patchOf(orgPoliciesSchema) as z.ZodType<OrgPoliciesPatch>;