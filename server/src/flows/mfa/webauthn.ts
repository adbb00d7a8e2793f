import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { AppError } from '../../errors.ts';
import type { Factor } from '../../domain/mfa/factor-store.ts';
import type { User } from '../../domain/users/user-store.ts';
import { CHALLENGE_TTL_MS, relyingParty } from './relying-party.ts';

export type Challenge = { value: string; expiresAt: number };

const failed = (cause?: unknown) => new AppError('mfa.webauthn_failed', 'The security key or passkey could not be verified. Try again.', { cause });
const userHandle = (userId: string) => new TextEncoder().encode(userId);

/** Registration options; `challenge` must be kept server-side (flow state) and used once. */
export async function webauthnRegistrationOptions(publicUrl: string, user: User, existing: Factor[]) {
  const rp = relyingParty(publicUrl);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: `${user.firstName} ${user.lastName}`.trim() || user.email,
    userID: userHandle(user.id),
    attestationType: 'none',
    excludeCredentials: existing.filter((f) => f.credentialId).map((f) => ({ id: f.credentialId!, transports: f.transports ?? undefined })),
    // A discoverable credential with user verification doubles as a passkey for passwordless sign-in.
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    timeout: CHALLENGE_TTL_MS,
  });
  return { options, challenge: { value: options.challenge, expiresAt: Date.now() + CHALLENGE_TTL_MS } satisfies Challenge };
}

export async function verifyWebauthnRegistration(publicUrl: string, response: unknown, challenge: Challenge | undefined) {
  if (!challenge || challenge.expiresAt < Date.now()) throw new AppError('mfa.challenge_missing', 'This request expired. Start again.');
  const rp = relyingParty(publicUrl);
  let result;
  try {
    result = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge.value,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
  } catch (err) {
    throw failed(err);
  }
  if (!result.verified) throw failed();
  const { credential, credentialDeviceType } = result.registrationInfo;
  const extensions = (response as { clientExtensionResults?: { credProps?: { rk?: boolean } } }).clientExtensionResults;
  return {
    credentialId: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    signCount: credential.counter,
    transports: credential.transports ?? [],
    discoverable: extensions?.credProps?.rk ?? credentialDeviceType === 'multiDevice',
  };
}

/** Options for a second factor (the user's own credentials) or, without `factors`, for a passkey. */
export async function webauthnAuthenticationOptions(publicUrl: string, factors?: Factor[]) {
  const rp = relyingParty(publicUrl);
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: factors?.filter((f) => f.credentialId).map((f) => ({ id: f.credentialId!, transports: (f.transports ?? undefined) as never })),
    userVerification: factors ? 'preferred' : 'required',
    timeout: CHALLENGE_TTL_MS,
  });
  return { options, challenge: { value: options.challenge, expiresAt: Date.now() + CHALLENGE_TTL_MS } satisfies Challenge };
}

/**
 * Checks origin, RP ID hash, type, challenge, user presence (and verification for passkeys) and the
 * signature; returns the new signature counter.
 */
export async function verifyWebauthnAssertion(publicUrl: string, response: unknown, challenge: Challenge | undefined, factor: Factor, requireUserVerification: boolean): Promise<number> {
  if (!challenge || challenge.expiresAt < Date.now()) throw new AppError('mfa.challenge_missing', 'This request expired. Start again.');
  const rp = relyingParty(publicUrl);
  try {
    const result = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge.value,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification,
      credential: { id: factor.credentialId!, publicKey: Buffer.from(factor.publicKey!, 'base64url'), counter: factor.signCount ?? 0, transports: factor.transports ?? undefined },
    });
    if (!result.verified) throw failed();
    return result.authenticationInfo.newCounter;
  } catch (err) {
    throw err instanceof AppError ? err : failed(err);
  }
}
