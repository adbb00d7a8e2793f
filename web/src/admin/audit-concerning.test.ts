import { describe, expect, it } from 'vitest';
import { concerning, policyChanges } from './audit-concerning.ts';

describe('what an audit row concerns', () => {
  it('lists the settings a policy change changed, leaf by leaf, and only those', () => {
    const details = { old: { password: { minLength: 12, requireDigit: false }, session: { hours: 8 } }, new: { password: { minLength: 24, requireDigit: false }, session: { hours: 8 } } };
    expect(policyChanges(details)).toEqual([{ path: 'password.minLength', from: 12, to: 24 }]);
    expect(policyChanges({ old: { mfa: { reminders: [7, 1] } }, new: { mfa: { reminders: [7] } } })).toEqual([{ path: 'mfa.reminders', from: [7, 1], to: [7] }]);
  });

  it('names the person, then the application, group or key, then what changed', () => {
    const label = (path: string) => ({ 'password.minLength': 'Minimum length' })[path] ?? path;
    expect(concerning({ event: 'app.assigned', targetEmail: null, subjects: ['Wiki', 'Engineering'], details: {} }, label)).toBe('Wiki, Engineering');
    expect(concerning({ event: 'group.member_added', targetEmail: 'nina@acme.test', subjects: ['Sales'], details: {} }, label)).toBe('nina@acme.test, Sales');
    expect(concerning({ event: 'policies.updated', targetEmail: null, subjects: [], details: { old: { password: { minLength: 12 } }, new: { password: { minLength: 24 } } } }, label)).toBe('Minimum length: 12 → 24');
  });
});
