/**
 * A Tessera session ended (Log out, a sign-out from the Security page or by an administrator, a
 * SAML or OIDC logout, expiry): the sign-in it carried is over, so whatever single sign-on it
 * started ends too (the OIDC provider's sessions, protocols/oidc/end-provider-sessions.ts).
 * Listeners finish their database work before the sign-out answers; anything slower (telling
 * applications) they leave running.
 */
export type SignedOut = { sessionId: string; userId: string; authTime: Date; ip: string; userAgent: string };
/** The session that ended: its id, its person and sign-in time. */
export type EndedSession = { id: string; userId: string; authTime: Date };
type Listener = (ended: SignedOut) => Promise<void>;
const listeners = new Set<Listener>();

export function onSignedOut(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export async function announceSignedOut(session: EndedSession, by: { ip: string; userAgent: string }): Promise<void> {
  const ended = { sessionId: session.id, userId: session.userId, authTime: session.authTime, ip: by.ip, userAgent: by.userAgent };
  await Promise.all([...listeners].map((listener) => listener(ended)));
}
