import { describe, expect, it } from 'vitest';
import { ownOidcUrl, returnPathAfterStepUp, scopesToShow } from './sso-targets.ts';

const origin = 'https://id.acme.test';

describe('returnPathAfterStepUp', () => {
  it('keeps the interaction path and its query', () => {
    expect(returnPathAfterStepUp('/api/oidc/interaction/abc123?x=1', origin)).toBe('/api/oidc/interaction/abc123?x=1');
  });
  it('refuses targets that leave the site, including ones the URL parser rewrites', () => {
    for (const bad of ['https://evil.test/', '//evil.test/', '/\\evil.test/', '/\t/evil.test/', '/\n/evil.test', 'javascript:alert(1)', '', null, undefined]) {
      expect(returnPathAfterStepUp(bad, origin), String(bad)).toBe('/');
    }
  });
});

describe('ownOidcUrl', () => {
  it('accepts our own provider endpoints', () => {
    expect(ownOidcUrl(`${origin}/oidc/auth/xyz`, origin)).toBe(`${origin}/oidc/auth/xyz`);
  });
  it('refuses other origins, other paths, look-alike hosts and relative paths', () => {
    for (const bad of ['https://evil.test/oidc/auth/x', `${origin}/admin`, `${origin}/oidcx/auth`, `${origin}.evil.test/oidc/auth`, `${origin}@evil.test/oidc/`, '/oidc/auth/x', '', null]) {
      expect(ownOidcUrl(bad, origin), String(bad)).toBeUndefined();
    }
  });
});

describe('scopesToShow', () => {
  it('words the known scopes in a fixed order and keeps unknown ones apart, never openid', () => {
    expect(scopesToShow(['openid', 'groups', 'custom:read', 'email', 'offline_access', 'email'])).toEqual({ known: ['email', 'groups', 'offline_access'], other: ['custom:read'] });
  });
});
