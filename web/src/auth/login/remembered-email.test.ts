import { describe, expect, it } from 'vitest';
import { keepRememberedEmailFor, rememberedEmail, setRememberedEmail } from './remembered-email.ts';

const memory = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
};
const DAY = 86_400_000;

describe('Remember me (the e-mail address, for the organization\'s number of days)', () => {
  it('keeps the address for the days the sign-in names, then forgets it', () => {
    const s = memory();
    setRememberedEmail('ada@acme.test', s);
    keepRememberedEmailFor(30, s, 1_000);
    expect(rememberedEmail(s, 1_000 + 29 * DAY)).toBe('ada@acme.test');
    expect(rememberedEmail(s, 1_000 + 30 * DAY)).toBe('');
    expect(s.m.size).toBe(0);
  });

  it('keeps nothing when the organization allows 0 days, or when the box was not ticked', () => {
    const s = memory();
    setRememberedEmail('ada@acme.test', s);
    keepRememberedEmailFor(0, s);
    expect(rememberedEmail(s)).toBe('');
    setRememberedEmail('ada@acme.test', s);
    setRememberedEmail(null, s);
    keepRememberedEmailFor(30, s);
    expect(rememberedEmail(s)).toBe('');
  });

  it('reads an address stored as plain text by an earlier version', () => {
    const s = memory();
    s.setItem('tessera.rememberedEmail', 'grace@acme.test');
    expect(rememberedEmail(s)).toBe('grace@acme.test');
  });
});
