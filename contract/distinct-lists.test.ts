import { describe, expect, it } from 'vitest';
import { createOidcAppInput } from './oidc-apps.ts';
import { createSamlAppInput } from './saml-apps.ts';

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (r.error?.issues ?? []).map((i) => i.path.join('.'));

describe('lists of addresses and attributes', () => {
  it('refuse an entry given twice, at the repeat itself', () => {
    const oidc = createOidcAppInput.safeParse({ name: 'Wiki', kind: 'web', redirectUris: ['https://a.example/cb', 'https://b.example/cb', 'https://a.example/cb'] });
    expect(paths(oidc)).toEqual(['redirectUris.2']);
    const saml = createSamlAppInput.safeParse({
      name: 'Wiki',
      entityId: 'https://sp.example',
      acsUrls: ['https://sp.example/acs', 'https://sp.example/acs'],
      attributes: [{ name: 'displayName', source: 'displayName' }, { name: 'displayName', source: 'email' }],
    });
    expect(paths(saml).sort()).toEqual(['acsUrls.1', 'attributes.1.name']);
  });
  it('take distinct entries as they are', () => {
    expect(createOidcAppInput.safeParse({ name: 'Wiki', kind: 'web', redirectUris: ['https://a.example/cb', 'https://a.example/cb2'] }).success).toBe(true);
  });
});
