/**
 * User Login, coming back to `returnTo` once signed in. With a session that does not do here
 * (another organization's, or older than the application asked for) the page asks for a sign-in
 * again; without the mark it sends a signed-in person straight on to `returnTo` — which is what
 * Back into a finished sign-in should do.
 */
export function loginPath(returnTo: string, signedIn: boolean): string {
  return `/login?returnTo=${encodeURIComponent(returnTo)}${signedIn ? '&reauth=1' : ''}`;
}
