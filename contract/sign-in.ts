import { z } from 'zod';
import { emailField, passwordField, slugField } from './fields.ts';
import { passwordPolicySchema } from './password-policy.ts';
import { totpEnrollmentSchema } from './mfa.ts';

export const portalSchema = z.enum(['user', 'admin']);
export type Portal = z.infer<typeof portalSchema>;
/** Where each portal's login page is: User Login, or the Administrator Portal Login. */
export const loginPathOf = (portal: Portal) => (portal === 'admin' ? '/admin/login' : '/login');

/** POST /api/auth/sign-in — starts a sign-in (the "Email" + "Continue" step). */
export const startSignInInput = z.object({
  email: emailField,
  portal: portalSchema.default('user'),
  /** A same-origin path to land on after sign-in. */
  returnTo: z.string().max(2048).optional(),
});

/** POST /api/auth/sign-in/password */
export const passwordStepInput = z.object({ password: passwordField });
/** POST /api/auth/sign-in/organization */
export const organizationStepInput = z.object({ slug: slugField });
/** POST /api/auth/sign-in/new-password */
export const newPasswordStepInput = z.object({ password: passwordField });

/** What the page renders next: the server decides, the page only draws it. */
export const signInStepSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('password'), email: z.string(), portal: portalSchema }),
  z.object({
    step: z.literal('choose_org'),
    email: z.string(),
    portal: portalSchema,
    organizations: z.array(z.object({ slug: z.string(), name: z.string() })),
  }),
  z.object({
    step: z.literal('change_password'),
    email: z.string(),
    portal: portalSchema,
    reason: z.enum(['expired', 'required']),
    policy: passwordPolicySchema,
  }),
  z.object({
    step: z.literal('verify_identity'),
    email: z.string(),
    portal: portalSchema,
    methods: z.array(z.enum(['totp', 'webauthn', 'recovery_code'])),
    lastUsed: z.enum(['totp', 'webauthn', 'recovery_code']).nullable(),
  }),
  z.object({
    step: z.literal('mfa_setup'),
    email: z.string(),
    portal: portalSchema,
    methods: z.array(z.enum(['totp', 'webauthn'])),
    /** Present once the person chose the authenticator app: the QR code and key to add. */
    totp: totpEnrollmentSchema.optional(),
  }),
  z.object({ step: z.literal('recovery_codes'), email: z.string(), portal: portalSchema, codes: z.array(z.string()) }),
  /** `rememberEmailDays`: how long a browser that ticked "Remember me" keeps the address (the organization's policy; 0: not kept). */
  z.object({ step: z.literal('done'), redirectTo: z.string(), rememberEmailDays: z.number().int().min(0) }),
]);
export type SignInStep = z.infer<typeof signInStepSchema>;
export type StartSignInInput = z.infer<typeof startSignInInput>;
