import type { IncomingHttpHeaders } from 'node:http';
import { acceptLanguageTags, languageInCookies, pickLanguage, type Language } from '../../../contract/language.ts';

/**
 * The language of a page the server renders itself (OIDC sign-out, SAML auto-post): the one the
 * portal speaks on this browser (its cookie), else the browser's Accept-Language, as the web app
 * decides (contract/language.ts).
 */
export function requestLanguage(headers: IncomingHttpHeaders): Language {
  return pickLanguage(languageInCookies(headers.cookie), acceptLanguageTags(headers['accept-language']));
}
