export type Language = 'en' | 'fr';

/** The language chosen on this browser before, else the browser's own, else English. */
export function pickLanguage(stored: string | null, browser: string | undefined): Language {
  if (stored === 'en' || stored === 'fr') return stored;
  return browser?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
