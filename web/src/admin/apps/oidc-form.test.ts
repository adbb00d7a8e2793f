import { describe, expect, it } from 'vitest';
import { emptyOidcForm, oidcFormOf, oidcFormSchema, oidcUpdateBody, toOidcInput, type OidcFormValues } from './oidc-form.ts';

const form = (patch: Partial<OidcFormValues>): OidcFormValues => ({ ...emptyOidcForm, name: 'Wiki', redirectUris: ['https://wiki.acme.test/callback'], ...patch });
const issuesOf = (v: OidcFormValues) => {
  const r = oidcFormSchema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('the OIDC application form', () => {
  it('accepts sensible defaults with one redirect URI', () => {
    expect(issuesOf(form({}))).toEqual([]);
    expect(toOidcInput(form({}))).toMatchObject({ kind: 'web', grantTypes: ['authorization_code', 'refresh_token'], consent: 'implicit', mfaPolicy: { mode: 'none' }, initiateLoginUri: null });
  });

  it('points each problem at its own field, a URI at its own row', () => {
    expect(issuesOf(form({ name: ' ', redirectUris: ['https://ok.test/cb', 'https://*.acme.test/cb'], initiateLoginUri: 'http://evil.test/login', accessTokenTtlSeconds: '' }))).toEqual(
      expect.arrayContaining(['name', 'redirectUris.1', 'initiateLoginUri', 'accessTokenTtlSeconds']),
    );
    expect(issuesOf(form({ redirectUris: ['https://ok.test/cb', 'https://*.acme.test/cb'] }))).toEqual(['redirectUris.1']);
  });

  it('refuses a token lifetime out of range as typed, rather than sending a clamped one', () => {
    expect(issuesOf(form({ accessTokenTtlSeconds: 999_999_999, refreshTokenTtlSeconds: -5 }))).toEqual(['accessTokenTtlSeconds', 'refreshTokenTtlSeconds']);
    expect(issuesOf(form({ accessTokenTtlSeconds: 86_400, refreshTokenTtlSeconds: 300 }))).toEqual([]);
  });

  it('checks the minutes only when the rule is "within the last N minutes"', () => {
    expect(issuesOf(form({ mfaPolicy: { mode: 'recent', withinMinutes: 0 } }))).toEqual(['mfaPolicy.withinMinutes']);
    expect(issuesOf(form({ mfaPolicy: { mode: 'mfa', withinMinutes: 0 } }))).toEqual([]);
    expect(toOidcInput(form({ mfaPolicy: { mode: 'recent', withinMinutes: 5 } })).mfaPolicy).toEqual({ mode: 'recent', withinMinutes: 5 });
  });

  it('drops what a machine client cannot have and grants another kind may not use', () => {
    const input = toOidcInput(form({ kind: 'machine', grantTypes: ['authorization_code', 'client_credentials'], initiateLoginUri: 'https://x.test/' }));
    expect(input).toMatchObject({ redirectUris: [], postLogoutRedirectUris: [], grantTypes: ['client_credentials'], initiateLoginUri: null });
  });

  it('round-trips an application read back, description and details included', () => {
    const values = oidcFormOf({
      id: 'a',
      name: 'Wiki',
      description: 'Team notes',
      details: 'Use your company e-mail.',
      icon: null,
      clientId: 'a',
      hasSecret: true,
      settings: { kind: 'spa', redirectUris: ['https://wiki.test/cb'], postLogoutRedirectUris: [], grantTypes: ['authorization_code'], consent: 'explicit', accessTokenTtlSeconds: 600, refreshTokenTtlSeconds: 3600, tokenEndpointAuthMethod: 'client_secret_basic' },
      mfaPolicy: { mode: 'recent', withinMinutes: 30 },
    });
    expect(values).toMatchObject({ kind: 'spa', consent: 'explicit', initiateLoginUri: '', mfaPolicy: { mode: 'recent', withinMinutes: 30 } });
    const update = oidcUpdateBody(values);
    expect(update).toMatchObject({ description: 'Team notes', details: 'Use your company e-mail.' });
    expect(update).toMatchObject({ kind: 'spa', grantTypes: ['authorization_code'], accessTokenTtlSeconds: 600 });
  });
});
