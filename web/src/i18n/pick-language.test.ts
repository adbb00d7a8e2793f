import { describe, expect, it } from 'vitest';
import { pickLanguage } from './pick-language.ts';

describe('pickLanguage', () => {
  it('prefers the language stored on this browser', () => {
    expect(pickLanguage('fr', 'en-US')).toBe('fr');
    expect(pickLanguage('en', 'fr-CA')).toBe('en');
  });
  it('falls back to the browser language, then English', () => {
    expect(pickLanguage(null, 'fr-BE')).toBe('fr');
    expect(pickLanguage('de', 'de-DE')).toBe('en');
    expect(pickLanguage(null, undefined)).toBe('en');
  });
});
