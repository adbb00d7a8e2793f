import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as Google Authenticator, Microsoft Authenticator and oathtool expect: SHA-1, 6 digits, 30 s. */
const PERIOD = 30;
const DIGITS = 6;

export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(input: { secret: string; issuer: string; account: string }): string {
  return new TOTP({ issuer: input.issuer, label: input.account, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(input.secret) }).toString();
}

/**
 * The 30-second step a code belongs to, accepting the previous and next step for clock skew, or
 * null. Replay protection (a step is used once) is the caller's atomic update.
 */
export function matchTotpStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = new TOTP({ algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secret) });
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}
