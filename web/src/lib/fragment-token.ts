/**
 * Link tokens arrive in the URL fragment (never sent to any server, never in a Referer). The page
 * reads the token, keeps it in session storage, and removes it from the address bar at once.
 */
export function tokenFromFragment(hash: string): string | undefined {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]{20,100})(?:&|$)/.exec(hash);
  return match?.[1];
}

export function takeLinkToken(storageKey: string, loc: Pick<Location, 'hash' | 'pathname' | 'search'> = window.location): string | undefined {
  const fromUrl = tokenFromFragment(loc.hash);
  if (fromUrl) {
    sessionStorage.setItem(storageKey, fromUrl);
    window.history.replaceState(null, '', loc.pathname + loc.search);
    return fromUrl;
  }
  return sessionStorage.getItem(storageKey) ?? undefined;
}
