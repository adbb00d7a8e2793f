import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import frJson from './fr.json' with { type: 'json' };
import { pickLanguage } from './pick-language.ts';

// Typed against the English catalog: a key missing from the French one fails the typecheck.
const fr: typeof en = frJson;

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'fr', label: 'Français' },
] as const;

const STORAGE_KEY = 'tessera.lang';

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: pickLanguage(localStorage.getItem(STORAGE_KEY), navigator.language),
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
  const table: Record<string, string> = (i18n.language === 'fr' ? fr : en).errors;
  return (code && Object.hasOwn(table, code) && table[code]) || table.generic;
}

export { i18n };
