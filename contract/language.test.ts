import { describe, expect, it } from 'vitest';
import { acceptLanguageTags, languageInCookies, pickLanguage } from './language.ts';

describe('pickLanguage', () => {
  it('prefers the language chosen on this browser', () => {
    expect(pickLanguage('fr', ['en-US'])).toBe('fr');
    expect(pickLanguage('en', ['fr-CA'])).toBe('en');
  });
  it('falls back to the first preferred language we speak, then English', () => {
    expect(pickLanguage(null, ['fr-BE'])).toBe('fr');
    expect(pickLanguage(null, ['de-DE', 'fr', 'en'])).toBe('fr');
    expect(pickLanguage('de', ['de-DE'])).toBe('en');
    expect(pickLanguage(undefined, [])).toBe('en');
  });
  it('matches on the primary subtag only', () => {
    expect(pickLanguage(null, ['FR-ca'])).toBe('fr');
    expect(pickLanguage(null, ['french', 'frx'])).toBe('en');
  });
});

describe('acceptLanguageTags', () => {
  it('orders by quality, keeping the header order among equals', () => {
    expect(acceptLanguageTags('en;q=0.5, fr-FR, fr;q=0.9, de')).toEqual(['fr-FR', 'de', 'fr', 'en']);
  });
  it('drops refused (q=0) and wildcard entries', () => {
    expect(acceptLanguageTags('fr;q=0, *;q=0.1, en-GB;q=0.3')).toEqual(['en-GB']);
    expect(pickLanguage(null, acceptLanguageTags('fr;q=0, de'))).toBe('en');
  });
  it('reads a missing or empty header as no preference', () => {
    expect(acceptLanguageTags(undefined)).toEqual([]);
    expect(acceptLanguageTags('')).toEqual([]);
  });
});

describe('languageInCookies', () => {
  it('finds the choice among other cookies, in a header or in document.cookie', () => {
    expect(languageInCookies('a=b; tessera_lang=fr; c=d')).toBe('fr');
    expect(languageInCookies('tessera_lang=en;x=y')).toBe('en');
  });
  it('is undefined without it, and does not take a cookie whose name merely ends the same', () => {
    expect(languageInCookies(undefined)).toBeUndefined();
    expect(languageInCookies('my_tessera_lang=fr')).toBeUndefined();
  });
});
