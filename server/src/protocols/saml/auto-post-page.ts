import type { FastifyReply } from 'fastify';
import { escapeXml } from './render-response.ts';

/** Served from our origin: the CSP forbids inline scripts, so the page loads this instead. */
export const AUTO_POST_SCRIPT_PATH = '/saml/auto-post.js';
export const AUTO_POST_SCRIPT = "document.getElementById('saml-post').submit();\n";

/**
 * The HTTP-POST binding (SAML bindings §3.5.4): a form the browser posts to the ACS URL at once,
 * with a visible Continue button when scripts are off. The page's CSP allows posting to the ACS
 * URL's origin only (the default says 'self', which would block the post).
 */
export function sendAutoPost(reply: FastifyReply, acsUrl: string, fields: Record<string, string | null>) {
  const inputs = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeXml(value)}">`)
    .join('');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Signing you in…</title><script src="${AUTO_POST_SCRIPT_PATH}" defer></script></head>
<body><form id="saml-post" method="post" action="${escapeXml(acsUrl)}">${inputs}<noscript><p>Press Continue to finish signing in.</p></noscript><button type="submit">Continue</button></form></body></html>
`;
  const origin = new URL(acsUrl).origin;
  return reply
    .header('content-security-policy', `default-src 'none'; script-src 'self'; form-action ${origin}; frame-ancestors 'none'; base-uri 'none'`)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}
