import { describe, expect, it } from 'vitest';
import { ownOidcUrl, scopesToShow } from './sso-targets.ts';

const origin = 'https://id.acme.test';

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
