import { AppError } from '../../errors.ts';

export type CanonicalEmail = { display: string; canonical: string };

// ASCII and the accented letters of European languages (Latin-1 Supplement and Latin Extended-A).
// Other scripts (Cyrillic "а"), Latin look-alikes ("ɑ", dotless "ı"), other digits, and forms that
// compatibility-normalize to another letter (fullwidth "ａ", the Kelvin sign) are refused: each lets
// one address impersonate another.
const allowed = /^[A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u0130\u0132-\u017E._%+\-'@]+$/u;
const shape = /^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$/u;

/** Trim, NFC-normalize, refuse invisible/confusable characters; the canonical form is lower-cased. */
export function canonicalizeEmail(input: string): CanonicalEmail {
  const display = input.normalize('NFC').trim();
  if (display.length > 254 || display.normalize('NFKC') !== display || !allowed.test(display) || !shape.test(display) || display.includes('..')) {
    throw new AppError('user.email_invalid', 'Enter a valid e-mail address.');
  }
  return { display, canonical: display.toLowerCase() };
}
