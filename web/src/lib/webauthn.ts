import { startAuthentication, startRegistration } from '@simplewebauthn/browser';

/** The browser's WebAuthn ceremony with options from the server; the response goes back as JSON. */
export const webauthn = {
  authenticate: (options: Record<string, unknown>) => startAuthentication({ optionsJSON: options as never }),
  register: (options: Record<string, unknown>) => startRegistration({ optionsJSON: options as never }),
};
