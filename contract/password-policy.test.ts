import { describe, it, expect } from 'vitest';
import { checkPasswordRules, passwordPolicySchema, strictestPasswordPolicy } from './password-policy.ts';

describe('password policy checklist', () => {
  const policy = passwordPolicySchema.parse({ minLength: 10, requireUpper: true, requireDigit: true, requireSymbol: true });

  it('ticks each rule independently', () => {
    const result = Object.fromEntries(checkPasswordRules(policy, 'abcdefghij').map((r) => [r.rule, r.ok]));
    expect(result).toEqual({ minLength: true, upper: false, digit: false, symbol: false });
    expect(checkPasswordRules(policy, 'Abcdefgh1!').every((r) => r.ok)).toBe(true);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(checkPasswordRules(passwordPolicySchema.parse({ minLength: 8 }), '😀😀😀😀😀😀😀')[0].ok).toBe(false);
  });

  it('merges policies into the strictest', () => {
    const a = passwordPolicySchema.parse({ minLength: 14, maxAgeDays: 90 });
    const b = passwordPolicySchema.parse({ minLength: 8, requireDigit: true, maxAgeDays: 0, historyCount: 10 });
    expect(strictestPasswordPolicy([a, b])).toMatchObject({ minLength: 14, requireDigit: true, maxAgeDays: 90, historyCount: 10 });
  });
});
