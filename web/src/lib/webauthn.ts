import { startAuthentication, startRegistration } from '@simplewebauthn/browser';

/**
 * The browser's own refusals, named: "cancelled or timed out" (NotAllowedError — the person closed
 * the prompt, or no key answered), "this key is already registered" (InvalidStateError), or no
 * WebAuthn here at all. The page says which, instead of "something went wrong".
 */
export class CeremonyError extends Error {
  readonly code: 'webauthn.cancelled' | 'webauthn.already_registered' | 'webauthn.unsupported';
  constructor(code: CeremonyError['code'], cause: unknown) {
    super(code, { cause });
    this.code = code;
  }
}

function named(err: unknown): never {
  const name = err instanceof Error ? err.name : undefined;
  const cause = err instanceof Error && 'cause' in err && err.cause instanceof Error ? err.cause.name : undefined;
  if (name === 'NotAllowedError' || cause === 'NotAllowedError' || name === 'AbortError') throw new CeremonyError('webauthn.cancelled', err);
  if (name === 'InvalidStateError' || cause === 'InvalidStateError') throw new CeremonyError('webauthn.already_registered', err);
  if (name === 'NotSupportedError' || (err instanceof Error && /does not support WebAuthn/i.test(err.message))) throw new CeremonyError('webauthn.unsupported', err);
  throw err;
}

/** The browser's WebAuthn ceremony with options from the server; the response goes back as JSON. */
export const webauthn = {
  authenticate: (options: Record<string, unknown>) => startAuthentication({ optionsJSON: options as never }).catch(named),
  register: (options: Record<string, unknown>) => startRegistration({ optionsJSON: options as never }).catch(named),
};
