import { AppError } from '../../errors.ts';

export type CanonicalEmail = { display: string; canonical: string };

// Letters outside Latin (e.g. Cyrillic "а") are refused: they let one address impersonate another.
const allowed = /^[\p{Script=Latin}\p{Nd}._%+\-'@]+$/u;
const shape = /^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$/u;

/** Trim, NFC-normalize, refuse invisible/confusable characters; the canonical form is lower-cased. */
export function canonicalizeEmail(input: string): CanonicalEmail {
  const display = input.normalize('NFC').trim();
  if (display.length > 254 || !allowed.test(display) || !shape.test(display) || display.includes('..')) {
    throw new AppError('user.email_invalid', 'Enter a valid e-mail address.');
  }
  return { display, canonical: display.toLowerCase() };
}
