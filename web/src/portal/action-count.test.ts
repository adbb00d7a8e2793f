import { describe, expect, it } from 'vitest';
import { actionCount } from './action-count.ts';

describe('actionCount', () => {
  it('gives the number each counted action is about', () => {
    expect(actionCount({ kind: 'password_expiring', days: 1 })).toBe(1);
    expect(actionCount({ kind: 'mfa_required_soon', signInsLeft: 3 })).toBe(3);
    expect(actionCount({ kind: 'recovery_codes_low', left: 2 })).toBe(2);
  });

  it('gives none for an action that counts nothing, so its one sentence is used', () => {
    expect(actionCount({ kind: 'recovery_email_unconfirmed', email: 'a@b.test' })).toBeUndefined();
  });
});
