import { z } from 'zod';
import { languageField } from './fields.ts';

export type Language = z.infer<typeof languageField>;
export const LANGUAGES = languageField.options;

/**
 * This browser's choice of language, readable by the server too: its own pages (sign-out
 * confirmations, SAML auto-post) speak the language the portal speaks. Not a secret, so not HttpOnly.
 */
export const LANGUAGE_COOKIE = 'tessera_lang';

const isLanguage = (s: string | null | undefined): s is Language => (LANGUAGES as readonly string[]).includes(s ?? '');

/** The choice in a Cookie header (or `document.cookie`, the same shape), as written, if any. */
export function languageInCookies(cookies: string | undefined): string | undefined {
  return cookies
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${LANGUAGE_COOKIE}=`))
    ?.slice(LANGUAGE_COOKIE.length + 1);
}

/** The first of these language tags we speak, by primary subtag (fr-CA is fr). */
export function firstSpoken(tags: readonly string[]): Language | undefined {
  for (const tag of tags) {
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return undefined;
}

/**
 * One rule for the web app and the server: the language chosen on this browser, else the first of
 * the preferred languages we speak (an application's `ui_locales`, then the browser's), else English.
 */
export function pickLanguage(chosen: string | null | undefined, preferred: readonly string[]): Language {
  if (isLanguage(chosen)) return chosen;
  return firstSpoken(preferred) ?? 'en';
}

/**
 * A page URL's `?lang=`: the language an application asked its sign-in to be shown in (OIDC
 * `ui_locales`), passed on by the server. A hint below this browser's own choice, above its defaults.
 */
export const LANGUAGE_PARAM = 'lang';

/** An Accept-Language header as language tags, most preferred first; q=0 means "not this one". */
export function acceptLanguageTags(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .slice(0, 1000)
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)).find(Boolean);
      return { tag: tag.trim(), q: q ? Number(q[1]) : 1, i };
    })
    .filter((t) => t.tag && t.tag !== '*' && t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((t) => t.tag);
}

/** POST /api/me/language — the person's language: the portal's, and their e-mails'. */
export const setLanguageInput = z.object({ language: languageField });
