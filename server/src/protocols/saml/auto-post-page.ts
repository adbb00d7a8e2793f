import type { FastifyReply } from 'fastify';
import { escapeXml } from './render-response.ts';
import { PROTOCOL_PAGE_CSP } from '../../http/plugins/security-headers.ts';
import { requestLanguage } from '../../http/request-language.ts';
import type { Language } from '../../../../contract/language.ts';

/** Served from our origin: the CSP forbids inline scripts, so the page loads this instead. */
export const AUTO_POST_SCRIPT_PATH = '/saml/auto-post.js';
export const AUTO_POST_SCRIPT = "document.getElementById('saml-post').submit();\n";

const WORDING = {
  en: {
    continue: 'Continue',
    'sign-in': { title: 'Signing you in…', noScript: 'Press Continue to finish signing in.' },
    'sign-out': { title: 'Signing you out…', noScript: 'Press Continue to sign out of this application.' },
  },
  fr: {
    continue: 'Continuer',
    'sign-in': { title: 'Connexion en cours…', noScript: 'Appuyez sur Continuer pour terminer la connexion.' },
    'sign-out': { title: 'Déconnexion en cours…', noScript: 'Appuyez sur Continuer pour vous déconnecter de cette application.' },
  },
} satisfies Record<Language, unknown>;
type Purpose = 'sign-in' | 'sign-out';

/**
 * The HTTP-POST binding (SAML bindings §3.5.4): a form the browser posts to the SP at once, with a
 * visible Continue button when scripts are off. No form-action in its CSP (see PROTOCOL_PAGE_CSP):
 * SPs redirect after the post. The page holds nothing but our own escaped fields and our own
 * script, so there is no injected form for form-action to stop.
 */

export function sendAutoPost(reply: FastifyReply, acsUrl: string, fields: Record<string, string | null>, purpose: Purpose = 'sign-in') {
  const lang = requestLanguage(reply.request.headers);
  const wording = WORDING[lang][purpose];
  const inputs = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeXml(value)}">`)
    .join('');
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${wording.title}</title><script src="${AUTO_POST_SCRIPT_PATH}" defer></script></head>
<body><form id="saml-post" method="post" action="${escapeXml(acsUrl)}">${inputs}<noscript><p>${wording.noScript}</p></noscript><button type="submit">${WORDING[lang].continue}</button></form></body></html>
`;
  return reply
    .header('content-security-policy', PROTOCOL_PAGE_CSP)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}
