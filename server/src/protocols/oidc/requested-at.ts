import type { KoaContextWithOIDC } from 'oidc-provider';

/**
 * When the authorization request arrived, to the millisecond, kept with its parameters (an
 * interaction's `iat` has whole seconds only: a sign-in earlier in the same second would pass for
 * one made after the request, and prompt=login would let it through). Always set by the server:
 * a value the client sends is overwritten.
 */
export const REQUESTED_AT_PARAM = 'tessera_requested_at';

export function stampRequestedAt(ctx: KoaContextWithOIDC): void {
  (ctx.oidc.params as Record<string, unknown>)[REQUESTED_AT_PARAM] = String(Date.now());
}

/** The stamp, or the start of the interaction's second for one begun before stamping existed. */
export function requestedAtOf(params: Record<string, unknown>, iatSeconds: number): Date {
  const ms = Number(params[REQUESTED_AT_PARAM]);
  return new Date(Number.isFinite(ms) && ms > 0 ? ms : iatSeconds * 1000);
}
