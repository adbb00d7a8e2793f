import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { fr } from './fr.ts';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'fr', label: 'Français' },
] as const;

const STORAGE_KEY = 'tessera.lang';

function initialLanguage(): string {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'fr') return stored;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

export function setLanguage(code: string): void {
  localStorage.setItem(STORAGE_KEY, code);
  void i18n.changeLanguage(code);
  document.documentElement.lang = code;
}

/**
 * UI text for an API error code; unknown codes get the generic sentence. Codes contain dots, which
 * i18next would read as nesting, so the table is indexed directly.
 */
export function errorText(code: string | undefined): string {
  const table = (i18n.language === 'fr' ? fr : en).errors as Record<string, string>;
  return (code && table[code]) || table.generic;
}

export { i18n };
