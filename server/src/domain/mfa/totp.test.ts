import { describe, it, expect } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import { generateTotpSecret, matchTotpStep, totpUri } from './totp.ts';

const codeAt = (secret: string, ms: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: ms });

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 6238 SHA-1 test vector (59 s → 287082 in 6 digits)', () => {
    const rfcSecret = Secret.fromUTF8('12345678901234567890').base32;
    expect(matchTotpStep(rfcSecret, '287082', 59_000)).toBe(1);
  });

  it('accepts the previous and next step, refuses two steps away', () => {
    const secret = generateTotpSecret();
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(matchTotpStep(secret, codeAt(secret, now - 30_000), now)).toBe(step - 1);
    expect(matchTotpStep(secret, codeAt(secret, now + 30_000), now)).toBe(step + 1);
    expect(matchTotpStep(secret, codeAt(secret, now - 60_000), now)).toBeNull();
    expect(matchTotpStep(secret, 'abcdef', now)).toBeNull();
  });

  it('builds an otpauth URI authenticator apps understand', () => {
    const uri = totpUri({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Acme Corp', account: 'ada@acme.test' });
    expect(uri).toMatch(/^otpauth:\/\/totp\/Acme%20Corp:ada%40acme\.test\?/);
    expect(uri).toContain('secret=JBSWY3DPEHPK3PXP');
    expect(uri).toContain('issuer=Acme%20Corp');
    expect(uri).toContain('digits=6');
    expect(uri).toContain('period=30');
  });
});
