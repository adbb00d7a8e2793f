import { describe, it, expect } from 'vitest';
import { canonicalizeEmail } from './canonical-email.ts';

describe('canonicalizeEmail', () => {
  it('maps every variant of one address to the same canonical form', () => {
    const forms = ['Ana@Example.com', '  ana@example.COM ', 'ANA@EXAMPLE.COM'].map((e) => canonicalizeEmail(e).canonical);
    expect(new Set(forms)).toEqual(new Set(['ana@example.com']));
  });

  it('normalizes to NFC so composed and decomposed accents match', () => {
    expect(canonicalizeEmail('jose\u0301@example.com').canonical).toBe(canonicalizeEmail('josé@example.com').canonical);
    // The Kelvin sign is K to NFC: the same address as kate@, never a second one beside it.
    expect(canonicalizeEmail('\u212Aate@example.com').canonical).toBe('kate@example.com');
  });

  it('takes the accented letters of European languages', () => {
    for (const email of ['josé@example.com', 'müller@example.de', 'łukasz@example.pl', 'çağla.şahin@example.com.tr', 'ÉLODIE@example.fr']) expect(canonicalizeEmail(email).display).toBe(email);
  });

  it.each([
    ['zero-width space', 'ana\u200b@example.com'],
    ['Cyrillic a', '\u0430na@example.com'],
    ['no domain', 'ana@'],
    ['two at signs', 'a@b@example.com'],
    ['NUL byte', 'ana\u0000@example.com'],
    ['right-to-left override', 'ana\u202e@example.com'],
    ['fullwidth a', '\uff41dmin@example.com'],
    ['dotless i', 'adm\u0131n@example.com'],
    ['Latin alpha', '\u0251dmin@example.com'],
    ['long s', 'ro\u017Fe@example.com'],
    ['Arabic-Indic digit', 'ana\u0661@example.com'],
  ])('refuses %s', (_name, input) => {
    expect(() => canonicalizeEmail(input)).toThrow(/valid e-mail/);
  });
});
