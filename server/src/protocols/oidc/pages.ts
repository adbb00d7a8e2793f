import type { KoaContextWithOIDC } from 'oidc-provider';

const PROVIDER_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

/** Text into HTML: the provider's pages show client names and error descriptions chosen by others. */
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Our pages on the provider's routes: no script, no framing. No form-action either: the logout
 * form posts to the provider, which redirects to the application's post-logout URI, and browsers
 * check that redirect against form-action too (with 'self' it stopped there). What the page shows
 * is escaped; its one form is the provider's own.
 */
function send(ctx: KoaContextWithOIDC, title: string, body: string): void {
  ctx.set('content-security-policy', PROVIDER_PAGE_CSP);
  ctx.set('cache-control', 'no-store');
  ctx.set('x-content-type-options', 'nosniff');
  ctx.set('referrer-policy', 'no-referrer');
  ctx.type = 'html';
  ctx.body = page(title, body);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Tessera</title>
<style>body{font-family:system-ui,sans-serif;background:#f1f3f5;margin:0;display:grid;place-items:center;min-height:100vh}main{background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002;padding:2rem;max-width:26rem;width:calc(100% - 2rem)}h1{font-size:1.4rem;margin-top:0}button,a.button{font:inherit;padding:.6rem 1rem;border-radius:6px;border:1px solid #1864ab;margin:.25rem .5rem .25rem 0;cursor:pointer;text-decoration:none;display:inline-block}button.primary{background:#1864ab;color:#fff}button.secondary,a.button{background:#fff;color:#1864ab}</style>
</head><body><main>${body}</main></body></html>`;
}

/** RP-initiated logout: ask before ending the person's Tessera session. */
export async function renderLogoutPage(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const client = ctx.oidc.client?.clientName;
  send(
    ctx,
    'Sign out',
    `<h1>Sign out of Tessera?</h1>
<p>${client ? `${escapeHtml(client)} asked to sign you out.` : 'An application asked to sign you out.'} This ends your Tessera session in this browser.</p>
${form}
<button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button class="secondary" type="submit" form="op.logoutForm">No, stay signed in</button>`,
  );
}

export async function renderLogoutDonePage(ctx: KoaContextWithOIDC): Promise<void> {
  send(ctx, 'Signed out', `<h1>You are signed out</h1><p>You can close this window.</p><a class="button" href="/login">User Login</a>`);
}

/** Errors the provider cannot send back to a client (unknown client, bad redirect URI): shown, never redirected. */
export async function renderErrorPage(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }): Promise<void> {
  send(
    ctx,
    'Sign-in error',
    `<h1>This sign-in request cannot continue</h1>
<p>${escapeHtml(out.error_description ?? 'The application sent a request Tessera cannot accept.')}</p>
<p><code>${escapeHtml(out.error)}</code></p>
<a class="button" href="/">Back to the User Portal</a>`,
  );
}
