import { describe, it, expect } from 'vitest';
import { canonicalizeEmail } from './canonical-email.ts';

describe('canonicalizeEmail', () => {
  it('maps every variant of one address to the same canonical form', () => {
    const forms = ['Ana@Example.com', '  ana@example.COM ', 'ANA@EXAMPLE.COM'].map((e) => canonicalizeEmail(e).canonical);
    expect(new Set(forms)).toEqual(new Set(['ana@example.com']));
  });

  it('normalizes to NFC so composed and decomposed accents match', () => {
    expect(canonicalizeEmail('jose\u0301@example.com').canonical).toBe(canonicalizeEmail('josé@example.com').canonical);
  });

  it.each([
    ['zero-width space', 'ana\u200b@example.com'],
    ['Cyrillic a', '\u0430na@example.com'],
    ['no domain', 'ana@'],
    ['two at signs', 'a@b@example.com'],
    ['NUL byte', 'ana\u0000@example.com'],
    ['right-to-left override', 'ana\u202e@example.com'],
  ])('refuses %s', (_name, input) => {
    expect(() => canonicalizeEmail(input)).toThrow(/valid e-mail/);
  });
});
