import { describe, it, expect } from 'vitest';
import { authnContextOf, MFA_CLASS } from './issue-response.ts';

const at = (iso: string) => new Date(iso);

describe('the AuthnStatement of a SAML response', () => {
  it('says password for a password sign-in, at its time', () => {
    expect(authnContextOf({ amr: ['pwd'], authTime: at('2026-12-01T10:00:00Z'), mfaAt: null })).toEqual({ instant: at('2026-12-01T10:00:00Z'), classRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport' });
  });

  it('says MFA (REFEDS) once a second factor was presented, at the step-up’s time when it came later', () => {
    expect(authnContextOf({ amr: ['pwd', 'otp', 'mfa'], authTime: at('2026-12-01T10:00:00Z'), mfaAt: at('2026-12-01T10:00:05Z') })).toEqual({ instant: at('2026-12-01T10:00:05Z'), classRef: MFA_CLASS });
    expect(authnContextOf({ amr: ['pwd'], authTime: at('2026-12-01T10:00:00Z'), mfaAt: at('2026-12-01T11:30:00Z') })).toEqual({ instant: at('2026-12-01T11:30:00Z'), classRef: MFA_CLASS });
  });

  it('says unspecified for a sign-in without a password or factor it knows', () => {
    expect(authnContextOf({ amr: ['fed'], authTime: at('2026-12-01T10:00:00Z'), mfaAt: null }).classRef).toBe('urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified');
  });
});
