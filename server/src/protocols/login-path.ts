/**
 * User Login, coming back to `returnTo` once signed in. With a session that does not do here
 * (another organization's, or older than the application asked for) the page asks for a sign-in
 * again; without the mark it sends a signed-in person straight on to `returnTo` — which is what
 * Back into a finished sign-in should do.
 */
export function loginPath(returnTo: string, signedIn: boolean, hint?: unknown): string {
  const email = typeof hint === 'string' && isPlausibleEmail(hint) ? `&hint=${encodeURIComponent(hint)}` : '';
  return `/login?returnTo=${encodeURIComponent(returnTo)}${signedIn ? '&reauth=1' : ''}${email}`;
}

/**
 * An application's `login_hint` (OIDC Core §3.1.2.1) pre-fills User Login's Email when it looks like
 * one; anything else (an opaque id, a phone number) is ignored. Only a suggestion: the person can change it.
 */
function isPlausibleEmail(s: string): boolean {
  return s.length <= 254 && /^[^\s@\p{Cc}\p{Cf}]+@[^\s@\p{Cc}\p{Cf}]+$/u.test(s);
}
