import { ApiError } from '../api/client.ts';

/**
 * The consent and abort answers carry an absolute URL of our own provider (its /oidc/auth/… resume
 * endpoint). Anything not on this origin under /oidc/ is refused, so a tampered answer cannot send
 * the person off-site.
 */
export function ownOidcUrl(redirectTo: string | null | undefined, origin: string): string | undefined {
  if (!redirectTo || !redirectTo.startsWith(`${origin}/oidc/`)) return undefined;
  try {
    const url = new URL(redirectTo);
    return url.origin === origin && url.pathname.startsWith('/oidc/') ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The provider's answer (consent, abort) as the address to go on to: ours, or a 502 for a tampered one. */
export async function ownOidcTarget(answer: Promise<{ redirectTo: string }>): Promise<string> {
  const to = ownOidcUrl((await answer).redirectTo, window.location.origin);
  if (!to) throw new ApiError(502, undefined);
  return to;
}

/** Scopes with a plain-language line on the consent screen; `openid` itself needs none. */
export const describedScopes = ['email', 'profile', 'phone', 'address', 'groups', 'offline_access'] as const;
export type DescribedScope = (typeof describedScopes)[number];

/** The scopes in a stable order: the known ones first (as the screen words them), then any others as sent. */
export function scopesToShow(scopes: string[]): { known: DescribedScope[]; other: string[] } {
  const set = new Set(scopes.filter((s) => s !== 'openid'));
  const known = describedScopes.filter((s) => set.has(s));
  const other = [...set].filter((s) => !(describedScopes as readonly string[]).includes(s));
  return { known, other };
}
