import { z } from 'zod';
import { PASSWORD_MAX_BYTES } from './password-policy.ts';

// NUL bytes and lone surrogates are refused before anything expensive sees the value.
const cleanText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000') && s.isWellFormed(), 'contains characters that are not allowed');

export const emailField = cleanText(254).min(3);
export const passwordField = cleanText(PASSWORD_MAX_BYTES)
  .min(1)
  // TextEncoder, not Buffer: the same schema validates forms in the browser.
  .refine((s) => new TextEncoder().encode(s).length <= PASSWORD_MAX_BYTES, `must be at most ${PASSWORD_MAX_BYTES} bytes`);
export const nameField = cleanText(100);
export const tokenField = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'is not a valid link token');
export const slugField = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'is not a valid organization slug');
export const usernameField = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'may hold letters, digits, dot, dash and underscore');
export const languageField = z.enum(['en', 'fr']);
export { cleanText };
