import { z } from 'zod';
import type { MasterKey } from '../../domain/secrets/master-key.ts';

/**
 * Until the password step a sign-in holds only what the person typed (the address, the portal, where
 * to go back to): nothing the server decided. That state travels sealed in the flow cookie (AES-GCM
 * under the master key, bound to this purpose), and a row is written once the server knows who is
 * signing in. "Email" + "Continue" costs no database write, and the row stays the single-use gate of
 * every step after the password. Replaying a sealed start only starts over: the password is asked
 * again and a failure counts toward the lockout as any other.
 */
const PREFIX = 'sealed.';
const CONTEXT = 'sign-in:start';
const sealed = z.object({ state: z.unknown(), expiresAt: z.number() });
/** What the flow cookie may hold (http/plugins/cookies.ts); a longer start (a long return path) is stored. */
export const MAX_SEALED_LENGTH = 3072;

/** The cookie value, or undefined when the start is too long to travel in a cookie. */
export function sealStart(state: unknown, ttlMinutes: number, key: MasterKey): string | undefined {
  const token = PREFIX + key.encrypt(JSON.stringify({ state, expiresAt: Date.now() + ttlMinutes * 60_000 }), CONTEXT);
  return token.length <= MAX_SEALED_LENGTH ? token : undefined;
}

/** undefined: not a sealed start (a stored flow's token). A token that does not open is 'missing'. */
export function openSealedStart(token: string, key: MasterKey): { state: unknown; expiresAt: Date } | 'missing' | 'expired' | undefined {
  if (!token.startsWith(PREFIX)) return undefined;
  let opened: z.infer<typeof sealed>;
  try {
    opened = sealed.parse(JSON.parse(key.decrypt(token.slice(PREFIX.length), CONTEXT)));
  } catch {
    return 'missing';
  }
  if (opened.expiresAt <= Date.now()) return 'expired';
  return { state: opened.state, expiresAt: new Date(opened.expiresAt) };
}
