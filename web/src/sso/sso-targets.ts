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
