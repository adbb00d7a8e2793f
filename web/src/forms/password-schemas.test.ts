import { describe, expect, it } from 'vitest';
import { passwordPolicySchema } from '../../../contract/password-policy.ts';
import { newPasswordSchema } from './password-schemas.ts';

const policy = passwordPolicySchema.parse({ minLength: 10, requireDigit: true });
const messages = (values: unknown) => newPasswordSchema(policy).safeParse(values).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

describe('newPasswordSchema', () => {
  it('accepts a password that meets the policy, typed twice', () => {
    expect(messages({ password: 'long-enough-1', confirm: 'long-enough-1' })).toEqual([]);
  });
  it('refuses a password the checklist does not tick', () => {
    expect(messages({ password: 'no-digits-here', confirm: 'no-digits-here' })).toEqual([['password', 'validation.passwordRules']]);
  });
  it('reports a different confirmation even when the password is also wrong', () => {
    expect(messages({ password: 'short', confirm: 'other' })).toEqual([
      ['password', 'validation.passwordRules'],
      ['confirm', 'validation.passwordsDiffer'],
    ]);
  });
});
