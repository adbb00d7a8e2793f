import { describe, it, expect } from 'vitest';
import { generateRecoveryCodes, hashRecoveryCode } from './recovery-codes.ts';

describe('recovery codes', () => {
  it('makes ten distinct codes of 60 bits', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('hashes the code as typed loosely (case, dashes, spaces) to the same value', () => {
    expect(hashRecoveryCode('ab12-cd34-ef56')).toBe(hashRecoveryCode('AB12 CD34 EF56'));
    expect(hashRecoveryCode('AB12-CD34-EF56')).not.toBe(hashRecoveryCode('AB12-CD34-EF57'));
  });
});
