/** WebAuthn relying party from PUBLIC_URL: the RP ID is its host name, the origin its origin. */
export function relyingParty(publicUrl: string, name = 'Tessera') {
  const url = new URL(publicUrl);
  return { id: url.hostname, origin: url.origin, name };
}

/** WebAuthn challenges live 5 minutes and are used once. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
