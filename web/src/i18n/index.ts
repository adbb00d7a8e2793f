import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import frJson from './fr.json' with { type: 'json' };
import { LANGUAGE_COOKIE, LANGUAGE_PARAM, LANGUAGES as CODES, languageInCookies, pickLanguage, type Language } from '../../../contract/language.ts';

// Typed against the English catalog: a key missing from the French one fails the typecheck.
const fr: typeof en = frJson;

const LABELS: Record<Language, string> = { en: 'English', fr: 'Français' };
export const LANGUAGES = CODES.map((code) => ({ code, label: LABELS[code] }));

/** Where earlier versions kept the choice: still read, so that nobody's choice is lost. */
const OLD_STORAGE_KEY = 'tessera.lang';

const chosenOnThisBrowser = (): string | null => languageInCookies(document.cookie) ?? localStorage.getItem(OLD_STORAGE_KEY);

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: pickLanguage(chosenOnThisBrowser(), [...new URLSearchParams(location.search).getAll(LANGUAGE_PARAM), ...(navigator.languages ?? [navigator.language])]),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

/**
 * Speaks `code` on this browser from now on, the server's pages included (they read the cookie).
 * For a signed-in person the account menu also saves it as theirs (e-mails follow it).
 */
export function setLanguage(code: Language): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${LANGUAGE_COOKIE}=${code}; Path=/; Max-Age=${400 * 24 * 3600}; SameSite=Lax${secure}`;
  localStorage.removeItem(OLD_STORAGE_KEY);
  if (i18n.language !== code) void i18n.changeLanguage(code);
  document.documentElement.lang = code;
}

/** The language on screen, as the API names it. */
export const currentLanguage = (): Language => pickLanguage(i18n.language, []);

/**
 * UI text for an API error code; unknown codes get the generic sentence. Codes contain dots, which
 * i18next would read as nesting, so the table is indexed directly.
 */
export function errorText(code: string | undefined): string {
  const table: Record<string, string> = (i18n.language === 'fr' ? fr : en).errors;
  return (code && Object.hasOwn(table, code) && table[code]) || table.generic;
}

/**
 * An audit event in words, or undefined for a name this web does not know (a newer server's):
 * the caller shows the code then. Indexed directly for the same reason as errors: names have dots.
 */
export function auditEventText(name: string): string | undefined {
  const table: Record<string, string> = (i18n.language === 'fr' ? fr : en).auditEvent;
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** The server's own words, which are English: said so before them in another language, rather than switching mid-sentence. */
export function englishDetail(detail: string): string {
  return i18n.language === 'en' ? detail : `${(i18n.language === 'fr' ? fr : en).errors.detailInEnglish} ${detail}`;
}

export { i18n };
