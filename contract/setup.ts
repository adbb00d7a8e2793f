import { z } from 'zod';
import { emailField, languageField, nameField, passwordField, tokenField, slugField } from './fields.ts';

/** POST /api/setup/check — is this one-time setup link still good? */
export const checkSetupInput = z.object({ token: tokenField });
/** POST /api/setup — create the first organization and its administrator, then sign them in. */
export const completeSetupInput = z.object({
  token: tokenField,
  orgName: nameField.min(1),
  orgSlug: slugField.optional(),
  email: emailField,
  firstName: nameField.optional(),
  lastName: nameField.optional(),
  password: passwordField,
  /** The setup page's language, kept as the administrator's. */
  language: languageField.optional(),
});
