import { describe, expect, it } from 'vitest';
import type { Policies } from '../../api/admin.ts';
import { policyChanges } from './policy-changes.ts';

const base = {
  password: { minLength: 12, reminderDays: [14, 7] },
  lockout: { maxFailures: 10, durationMinutes: 30 },
  mfa: { mode: 'optional', methods: ['totp', 'webauthn'] },
} as unknown as Policies;

describe('policy changes', () => {
  it('names only the fields that differ from the form as it was filled', () => {
    const edited = { ...base, password: { ...base.password, minLength: 14 } };
    expect(policyChanges(base, edited)).toEqual({ password: { minLength: 14 } });
  });

  it('compares lists by their contents', () => {
    const same = { ...base, mfa: { ...base.mfa, methods: ['totp', 'webauthn'] } } as Policies;
    expect(policyChanges(base, same)).toEqual({});
    const fewer = { ...base, mfa: { ...base.mfa, methods: ['totp'] } } as Policies;
    expect(policyChanges(base, fewer)).toEqual({ mfa: { methods: ['totp'] } });
  });
});
