import { z } from 'zod';
import { nameField } from './fields.ts';

export const mfaMethodSchema = z.enum(['totp', 'webauthn', 'recovery_code']);
export type MfaMethod = z.infer<typeof mfaMethodSchema>;

export const totpCodeField = z.string().trim().regex(/^\d{6}$/, 'must be the 6 digits your app shows');
export const recoveryCodeField = z.string().trim().min(8).max(32);
/** A WebAuthn response as @simplewebauthn/browser produces it; its inner fields are verified by the server library. */
export const webauthnResponseField = z
  .object({ id: z.string().max(1024), rawId: z.string().max(1024), type: z.literal('public-key'), response: z.record(z.string(), z.unknown()) })
  .loose();

/** Answers to "Verify Your Identity" (POST /api/auth/sign-in/verify). */
export const verifyStepInput = z.discriminatedUnion('method', [
  z.object({ method: z.literal('totp'), code: totpCodeField }),
  z.object({ method: z.literal('recovery_code'), code: recoveryCodeField }),
  z.object({ method: z.literal('webauthn'), response: webauthnResponseField }),
]);

/** Answers to the required set-up step (POST /api/auth/sign-in/mfa-setup). */
export const mfaSetupStepInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start_totp') }),
  z.object({ action: z.literal('confirm_totp'), code: totpCodeField }),
  z.object({ action: z.literal('register_webauthn'), response: webauthnResponseField, name: nameField.min(1) }),
]);

/** POST /api/auth/sign-in/recovery-codes — "I have saved my codes". */
export const recoveryCodesAckInput = z.object({ saved: z.literal(true) });

export const totpEnrollmentSchema = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string(), issuer: z.string(), account: z.string() });
export type TotpEnrollment = z.infer<typeof totpEnrollmentSchema>;

export const factorSchema = z.object({
  id: z.string(),
  type: z.enum(['totp', 'webauthn']),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  passkey: z.boolean(),
});
export type FactorInfo = z.infer<typeof factorSchema>;

/** GET /api/me/mfa */
export const myMfaSchema = z.object({
  factors: z.array(factorSchema),
  recoveryCodesLeft: z.number(),
  policy: z.object({ mode: z.enum(['off', 'optional', 'required']), passwordless: z.boolean(), methods: z.array(z.enum(['totp', 'webauthn'])) }),
});
/** Without a name, the app keeps the one it was given in the person's language when set-up began. */
export const confirmTotpInput = z.object({ code: totpCodeField, name: nameField.min(1).optional() });
export const registerWebauthnInput = z.object({ response: webauthnResponseField, name: nameField.min(1) });
export const renameFactorInput = z.object({ name: nameField.min(1) });
/** Returned when a first factor is set up or codes are regenerated: shown once. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

/** GET /api/me/step-up — what the person can present to satisfy an application's MFA rule. */
export const stepUpOptionsSchema = z.object({ methods: z.array(mfaMethodSchema), lastUsed: mfaMethodSchema.nullable() });
/** POST /api/me/step-up — one factor; `handle` comes with WebAuthn options (POST /api/me/step-up/webauthn-options). */
export const stepUpInput = z.object({ answer: verifyStepInput, handle: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/).optional() });
