import type { KoaContextWithOIDC } from 'oidc-provider';
import { renderErrorPage } from './pages.ts';

const hasNul = (params: URLSearchParams) => [...params].some(([name, value]) => name.includes('\0') || value.includes('\0'));

// The pages a browser is sent to; the other endpoints are called by applications, which read JSON.
const BROWSER_PATHS = /^\/(auth|session\/end)(\/|$)/;

/**
 * SECURITY.md: NUL is refused before anything stores it. PostgreSQL cannot hold U+0000 in text or
 * jsonb, so a `state=a%00b` reaching the provider failed as a 500 when it saved the interaction.
 * The form body is the one oidc-routes.ts buffered for this check.
 */
export function refuseNulParameters() {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    const body = (ctx.req as { body?: unknown }).body;
    const form = Buffer.isBuffer(body) ? body.toString() : '';
    if (!hasNul(new URLSearchParams(ctx.querystring)) && !hasNul(new URLSearchParams(form))) return next();
    const out = { error: 'invalid_request', error_description: 'request parameters must not contain NUL characters' };
    ctx.status = 400;
    if (BROWSER_PATHS.test(ctx.path)) return renderErrorPage(ctx, out);
    ctx.set('cache-control', 'no-store');
    ctx.body = out;
  };
}
