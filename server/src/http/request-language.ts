import type { IncomingHttpHeaders } from 'node:http';
import { acceptLanguageTags, LANGUAGE_COOKIE, pickLanguage, type Language } from '../../../contract/language.ts';

/**
 * The language of a page the server renders itself (OIDC sign-out, SAML auto-post): the one the
 * portal speaks on this browser (its cookie), else the browser's Accept-Language, as the web app
 * decides (contract/language.ts).
 */
export function requestLanguage(headers: IncomingHttpHeaders): Language {
  const chosen = headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${LANGUAGE_COOKIE}=`))
    ?.slice(LANGUAGE_COOKIE.length + 1);
  return pickLanguage(chosen, acceptLanguageTags(headers['accept-language']));
}
