import { AppError } from '../../errors.ts';

/** The organization's MFA policy decides which kinds of factor its members may set up. */
export function assertMethodAllowed(allowed: readonly string[], method: 'totp' | 'webauthn'): void {
  if (!allowed.includes(method)) {
    throw new AppError('mfa.method_not_allowed', method === 'totp' ? 'Your organization does not allow authenticator apps.' : 'Your organization does not allow security keys or passkeys.');
  }
}
