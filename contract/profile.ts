import { z } from 'zod';
import { cleanText, emailField, lineText, tokenField } from './fields.ts';

// Lenient but bounded: real numbers and addresses vary too much across countries to be stricter.
const text = (max = 100) => lineText(max).default('');
const phone = cleanText(32).trim().regex(/^[+0-9 ().\-/x]*$/, 'may hold digits, spaces and + ( ) - . / x').default('');
const postalCode = cleanText(12).trim().regex(/^[A-Za-z0-9 -]*$/, 'may hold letters, digits, spaces and dashes').default('');
const optionalEmail = z.union([z.literal(''), emailField.pipe(z.email('is not a valid e-mail address'))]).default('');

export const profileDetailsInput = z.object({
  firstName: text(100),
  lastName: text(100),
  username: z.union([z.literal(''), z.string().trim().regex(/^[A-Za-z0-9._-]{1,64}$/, 'may hold letters, digits, dot, dash and underscore')]).default(''),
  alternateEmail: optionalEmail,
});

const address = { street: text(200), poBox: text(32), city: text(100), state: text(100), zipCode: postalCode, country: text(56) };

export const personalInput = z.object({ workCell: phone, workPhone: phone, workFax: phone, personalCell: phone, homePhone: phone, ...address });
export const employmentInput = z.object({ jobTitle: text(100), department: text(100), employeeId: text(64), manager: text(100), ...address });

export const profileSectionSchema = z.enum(['details', 'personal', 'employment']);
export type ProfileSection = z.infer<typeof profileSectionSchema>;

/** GET /api/me/profile */
export const profileSchema = z.object({
  details: profileDetailsInput.extend({ companyEmail: z.string() }),
  personal: personalInput,
  employment: employmentInput,
  recoveryEmail: z.object({ address: z.string().nullable(), pending: z.string().nullable() }),
  editable: z.record(profileSectionSchema, z.boolean()),
});
export type Profile = z.infer<typeof profileSchema>;

/** POST /api/me/recovery-email — a link goes to the new address; it is used only once confirmed. */
export const setRecoveryEmailInput = z.object({ email: emailField.pipe(z.email('is not a valid e-mail address')) });
/** POST /api/me/recovery-email/confirm */
export const confirmRecoveryEmailInput = z.object({ token: tokenField });
