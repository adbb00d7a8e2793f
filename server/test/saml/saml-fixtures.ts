import { expect } from 'vitest';
import { webcrypto } from 'node:crypto';
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata
// polyfill loaded first (installed with @simplewebauthn/server, which loads it the same way).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { SAML, ValidateInResponseTo, type SamlConfig } from '@node-saml/node-saml';
import type { LightMyRequestResponse } from 'fastify';
import { PUBLIC_URL, STRONG_PASSWORD, seedOrg, seedUser, type TestApp, type TestClient } from '../harness.ts';
import { nextAppName } from '../oidc-fixtures.ts';

export const SP_ENTITY_ID = 'https://sp.example.test/saml';
export const ACS_URL = 'https://sp.example.test/saml/acs';

/** An RSA key and self-signed certificate for a test SP that signs its requests. */
export async function makeSpKeys(): Promise<{ privateKeyPem: string; certificatePem: string }> {
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    { serialNumber: '01', name: 'CN=test-sp', notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 86_400_000), keys, signingAlgorithm: alg },
    webcrypto as unknown as Crypto,
  );
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  return { privateKeyPem: `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/.{64}/g, '$&\n')}\n-----END PRIVATE KEY-----\n`, certificatePem: cert.toString('pem') };
}

export type SamlWorld = {
  orgSlug: string;
  admin: TestClient;
  user: TestClient;
  userEmail: string;
  idpCert: string;
  createApp(body: Record<string, unknown>): Promise<{ id: string }>;
};

/** An organization with an administrator, a signed-in member, and the IdP's certificate. */
export async function seedSamlWorld(t: TestApp, name = 'Acme'): Promise<SamlWorld> {
  const org = await seedOrg(t, name);
  const adminEmail = `admin@${org.slug}.test`;
  const userEmail = `ada@${org.slug}.test`;
  await seedUser(t, { email: adminEmail, orgs: [org], role: 'admin' });
  const member = await seedUser(t, { email: userEmail, orgs: [org], firstName: 'Ada', lastName: 'Lovelace' });
  const admin = t.client();
  expect((await admin.signIn(adminEmail, STRONG_PASSWORD, { portal: 'admin' })).statusCode).toBe(200);
  const user = t.client();
  expect((await user.signIn(userEmail, STRONG_PASSWORD)).statusCode).toBe(200);
  const idp = await admin.get('/api/admin/apps/saml/idp');
  expect(idp.statusCode).toBe(200);
  return {
    orgSlug: org.slug,
    admin,
    user,
    userEmail,
    idpCert: idp.json().certificate,
    async createApp(body) {
      const res = await admin.post('/api/admin/apps/saml', { name: nextAppName(t, org.id), entityId: SP_ENTITY_ID, acsUrls: [ACS_URL], ...body });
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json() as { id: string };
      const assign = await admin.post(`/api/admin/apps/${created.id}/assignments`, { userId: member.id });
      expect(assign.statusCode).toBe(204);
      return created;
    },
  };
}

/** A real SP (node-saml) pointed at the organization's IdP. */
export function makeSp(world: Pick<SamlWorld, 'orgSlug' | 'idpCert'>, options: Partial<SamlConfig> = {}): SAML {
  return new SAML({
    entryPoint: `${PUBLIC_URL}/saml/${world.orgSlug}/sso`,
    issuer: SP_ENTITY_ID,
    callbackUrl: ACS_URL,
    idpCert: world.idpCert,
    idpIssuer: `${PUBLIC_URL}/saml/${world.orgSlug}`,
    audience: SP_ENTITY_ID,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    validateInResponseTo: ValidateInResponseTo.always,
    identifierFormat: null,
    acceptedClockSkewMs: 5_000,
    ...options,
  });
}

/** The path and query of the IdP URL the SP redirects the browser to. */
export async function redirectPath(sp: SAML, relayState = ''): Promise<string> {
  const url = new URL(await sp.getAuthorizeUrlAsync(relayState, undefined, {}));
  return url.pathname + url.search;
}

/** The SAMLRequest (and RelayState) the SP's auto-post form carries. */
export async function postFields(sp: SAML, relayState = ''): Promise<Record<string, string>> {
  const form = await sp.getAuthorizeFormAsync(relayState);
  return Object.fromEntries([...form.matchAll(/name="(SAMLRequest|RelayState)" value="([^"]*)"/g)].map((m) => [m[1], m[2].replace(/&#x2F;/g, '/').replace(/&#x3D;/g, '=').replace(/&#x2B;/g, '+')]));
}

/** Posts as the SP's page does: a cross-site urlencoded form. */
export function postToIdp(client: TestClient, path: string, fields: Record<string, string>) {
  return client.request('POST', path, undefined, { headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://sp.example.test', 'sec-fetch-site': 'cross-site' }, raw: new URLSearchParams(fields).toString() });
}

const unescapeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The auto-post page's target and fields: a SAMLResponse (sign-in, logout answer) or a SAMLRequest (IdP-initiated logout). */
export function readAutoPost(res: LightMyRequestResponse): { action: string; SAMLResponse: string; SAMLRequest?: string; RelayState?: string } {
  expect(res.statusCode, res.body).toBe(200);
  const action = /<form id="saml-post" method="post" action="([^"]+)"/.exec(res.body)?.[1];
  const fields = Object.fromEntries([...res.body.matchAll(/name="(SAMLResponse|SAMLRequest|RelayState)" value="([^"]*)"/g)].map((m) => [m[1], unescapeHtml(m[2])]));
  if (!action || !(fields.SAMLResponse || fields.SAMLRequest)) throw new Error(`no auto-post form in: ${res.body.slice(0, 300)}`);
  return { action: unescapeHtml(action), SAMLResponse: fields.SAMLResponse ?? '', SAMLRequest: fields.SAMLRequest, RelayState: fields.RelayState };
}

export const decodeResponse = (samlResponse: string) => Buffer.from(samlResponse, 'base64').toString('utf8');
