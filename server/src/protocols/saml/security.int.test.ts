import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, seedUser, type TestApp, type TestClient } from '../../../test/harness.ts';
import { auditEvents, samlRequests } from '../../db/schema/index.ts';
import { ACS_URL, SP_ENTITY_ID, makeSp, makeSpKeys, postFields, postToIdp, readAutoPost, redirectPath, seedSamlWorld, type SamlWorld } from '../../../test/saml/saml-fixtures.ts';

let t: TestApp;
let world: SamlWorld;
let signer: SamlWorld;
let spKeys: { privateKeyPem: string; certificatePem: string };
let appId: string;
let signerAppId: string;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedSamlWorld(t);
  appId = (await world.createApp({ attributes: [{ name: 'givenName', source: 'firstName' }] })).id;
  spKeys = await makeSpKeys();
  signer = await seedSamlWorld(t, 'Signers');
  signerAppId = (await signer.createApp({ signsRequests: true, spCertificate: spKeys.certificatePem })).id;
});
afterAll(() => t.close());

let seq = 0;
function authnRequest(opts: { id?: string; issuer?: string; acs?: string; extra?: string; head?: string; version?: string } = {}) {
  const id = opts.id ?? `_req${Date.now()}${seq++}`;
  return `${opts.head ?? ''}<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="${opts.version ?? '2.0'}" IssueInstant="${new Date().toISOString()}" AssertionConsumerServiceURL="${opts.acs ?? ACS_URL}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><saml:Issuer>${opts.issuer ?? SP_ENTITY_ID}</saml:Issuer>${opts.extra ?? ''}</samlp:AuthnRequest>`;
}
const redirectUrl = (w: SamlWorld, xml: string, relayState?: string) => `/saml/${w.orgSlug}/sso?SAMLRequest=${encodeURIComponent(deflateRawSync(xml).toString('base64'))}${relayState ? `&RelayState=${encodeURIComponent(relayState)}` : ''}`;
const postXml = (client: TestClient, w: SamlWorld, xml: string) => postToIdp(client, `/saml/${w.orgSlug}/sso`, { SAMLRequest: Buffer.from(xml).toString('base64') });

function expectRefused(res: { statusCode: number; body: string; json(): any }, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json()).toEqual({ error: { code, message: expect.any(String) } });
  expect(res.body).not.toContain('SAMLResponse');
  expect(res.body).not.toMatch(/at .+\.ts:\d+/);
}

/** A signed AuthnRequest as the signing SP posts it (uncompressed, to be edited). */
async function signedPostXml(): Promise<string> {
  const sp = makeSp(signer, { privateKey: spKeys.privateKeyPem, signatureAlgorithm: 'sha256', digestAlgorithm: 'sha256', authnRequestBinding: 'HTTP-POST', skipRequestCompression: true });
  return Buffer.from((await postFields(sp)).SAMLRequest, 'base64').toString('utf8');
}

describe('SAML incoming XML is parsed safely', () => {
  it('refuses an XXE payload (a DTD with an external entity) and records nothing', async () => {
    const id = '_xxe1';
    const xml = authnRequest({ id, head: '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>', issuer: '&x;' });
    expectRefused(await world.user.get(redirectUrl(world, xml)), 400, 'saml.request_invalid');
    expectRefused(await postXml(world.user, world, xml), 400, 'saml.request_invalid');
    expect(await t.database.db.select().from(samlRequests).where(eq(samlRequests.requestId, id))).toHaveLength(0);
  });

  it('refuses an oversized POST body with 413 before reading it', async () => {
    const res = await postToIdp(world.user, `/saml/${world.orgSlug}/sso`, { SAMLRequest: 'A'.repeat(100_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('request.too_large');
  });

  it('refuses a deflate bomb on the Redirect binding without inflating it all', async () => {
    const bomb = authnRequest({ extra: `<!--${' '.repeat(2_000_000)}-->` });
    const encoded = deflateRawSync(bomb).toString('base64');
    expect(encoded.length).toBeLessThan(24 * 1024);
    const res = await world.user.get(`/saml/${world.orgSlug}/sso?SAMLRequest=${encodeURIComponent(encoded)}`);
    expect(res.statusCode).toBe(413);
  });

  it('refuses a request that breaks the SAML schema', async () => {
    expectRefused(await world.user.get(redirectUrl(world, authnRequest({ extra: '<samlp:Bogus/>' }))), 400, 'saml.request_invalid');
    expectRefused(await world.user.get(redirectUrl(world, authnRequest({ version: '3.0"  Foo="x' }))), 400, 'saml.request_invalid');
  });
});

describe('SAML SSO refuses what it must and issues nothing', () => {
  it('refuses an unknown SP, and an SP of another organization', async () => {
    expectRefused(await world.user.get(redirectUrl(world, authnRequest({ issuer: 'https://unknown.example/sp' }))), 400, 'saml.unknown_sp');
    const other = await seedSamlWorld(t, 'Elsewhere');
    expectRefused(await other.user.get(redirectUrl(other, authnRequest())), 400, 'saml.unknown_sp');
  });

  it('shows a browser its refusal as Tessera’s error page, in its language, never as JSON', async () => {
    const navigation = { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'sec-fetch-mode': 'navigate' } };
    const res = await world.user.get(redirectUrl(world, authnRequest({ issuer: 'https://unknown.example/sp' })), navigation);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sso/error?code=saml.unknown_sp');
  });

  it('refuses an ACS URL that is not registered', async () => {
    expectRefused(await world.user.get(redirectUrl(world, authnRequest({ acs: 'https://evil.example/acs' }))), 400, 'saml.acs_url_not_registered');
  });

  it('refuses a request ID longer than the request can be resumed by, before recording it', async () => {
    expectRefused(await postXml(world.user, world, authnRequest({ id: `_${'a'.repeat(300)}` })), 400, 'saml.request_invalid');
  });

  it('refuses a replayed request ID', async () => {
    const xml = authnRequest({ id: '_replay-me' });
    readAutoPost(await world.user.get(redirectUrl(world, xml)));
    expectRefused(await world.user.get(redirectUrl(world, xml)), 409, 'saml.request_replayed');
  });

  it('gives a user not assigned to the application nothing', async () => {
    const outsider = await seedUser(t, { email: 'bob@acme.test', orgs: [{ id: (await t.database.db.query.orgs.findFirst({ where: (o, { eq: e }) => e(o.slug, world.orgSlug) }))!.id } as never] });
    const bob = t.client();
    expect((await bob.signIn('bob@acme.test', 'correct-Horse-battery-42')).statusCode).toBe(200);
    const res = await bob.get(await redirectPath(makeSp(world)));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/sso/denied?app=${appId}`);
    expect(res.body).not.toContain('SAMLResponse');
    const launch = await bob.get(`/saml/apps/${appId}/launch`);
    expect(launch.headers.location).toBe(`/sso/denied?app=${appId}`);
    const refusals = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'saml.sso'), eq(auditEvents.outcome, 'failure'), eq(auditEvents.targetUserId, outsider.id)));
    expect(refusals.map((r) => (r.details as { reason: string }).reason)).toEqual(['not_assigned', 'not_assigned']);
  });

  it('audits a successful sign-on and a refused request', async () => {
    readAutoPost(await world.user.get(`/saml/apps/${appId}/launch`));
    const rows = await t.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'saml.sso'));
    expect(rows.some((r) => r.outcome === 'success' && (r.details as { appId: string }).appId === appId)).toBe(true);
    expect(rows.some((r) => r.outcome === 'failure' && (r.details as { code?: string }).code === 'saml.unknown_sp')).toBe(true);
  });

  it('escapes the RelayState and attribute values as text', async () => {
    const res = await world.user.get(redirectUrl(world, authnRequest(), '"><script>alert(1)</script>'));
    expect(res.body).not.toContain('<script>alert');
    expect(readAutoPost(res).RelayState).toBe('"><script>alert(1)</script>');
  });
});

describe('SAML attribute values', () => {
  it('carries markup in a profile field as text, exactly as typed', async () => {
    const org = (await t.database.db.query.orgs.findFirst({ where: (o, { eq: e }) => e(o.slug, world.orgSlug) }))!;
    const eve = await seedUser(t, { email: 'eve@acme.test', orgs: [org as never], firstName: 'Eve</saml:AttributeValue><x y="', lastName: '&amp; "Co"' });
    await world.admin.post(`/api/admin/apps/${appId}/assignments`, { userId: eve.id });
    const client = t.client();
    expect((await client.signIn('eve@acme.test', 'correct-Horse-battery-42')).statusCode).toBe(200);
    const sp = makeSp(world);
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: readAutoPost(await client.get(await redirectPath(sp))).SAMLResponse });
    expect(profile?.givenName).toBe('Eve</saml:AttributeValue><x y="');
  });
});

describe('SAML signed requests', () => {
  it('refuses an unsigned request from an SP that signs', async () => {
    expectRefused(await signer.user.get(redirectUrl(signer, authnRequest())), 400, 'saml.signature_invalid');
    expectRefused(await postXml(signer.user, signer, authnRequest()), 400, 'saml.signature_invalid');
  });

  it('refuses a tampered signed request (POST and Redirect)', async () => {
    const signed = await signedPostXml();
    expectRefused(await postXml(signer.user, signer, signed.replace('Version="2.0"', 'Version="2.0" ForceAuthn="false"')), 400, 'saml.signature_invalid');
    const sp = makeSp(signer, { privateKey: spKeys.privateKeyPem, signatureAlgorithm: 'sha256' });
    const path = await redirectPath(sp, 'original');
    expectRefused(await signer.user.get(path.replace('RelayState=original', 'RelayState=tampered')), 400, 'saml.signature_invalid');
  });

  it('refuses a wrapped signed request (the signed original hidden in an extension)', async () => {
    const signed = await signedPostXml();
    const signature = /<(\w+:)?Signature[\s\S]*<\/(\w+:)?Signature>/.exec(signed)![0];
    const original = signed.replace(signature, '');
    const inner = original.replace(/^<\?xml[^>]*>/, '');
    // The attacker's own request at the root, the signature moved up to it, the signed original tucked away.
    const wrapped = authnRequest({ id: '_attacker' }).replace(
      `</saml:Issuer>`,
      `</saml:Issuer>${signature}<samlp:Extensions><w:Wrap xmlns:w="urn:example:wrap">${inner}</w:Wrap></samlp:Extensions>`,
    );
    expectRefused(await postXml(signer.user, signer, wrapped), 400, 'saml.signature_invalid');
    // Same ID at the root as the signed original: two elements bear one xs:ID, which the schema refuses first.
    const originalId = /ID="([^"]+)"/.exec(inner)![1];
    expectRefused(await postXml(signer.user, signer, wrapped.replace('ID="_attacker"', `ID="${originalId}"`)), 400, 'saml.request_invalid');
    expect(await t.database.db.select().from(samlRequests).where(eq(samlRequests.appId, signerAppId))).toHaveLength(0);
  });

  it.each([
    ['a Signature that is not URL-encoded', (q: URLSearchParams) => `Signature=%%%%&SigAlg=${encodeURIComponent(q.get('SigAlg')!)}`],
    ['a SigAlg that is not URL-encoded', (q: URLSearchParams) => `SigAlg=%E0%A4%A&Signature=${encodeURIComponent(q.get('Signature')!)}`],
  ])('answers %s with 400 and audits the refusal', async (_what, broken) => {
    const sp = makeSp(signer, { privateKey: spKeys.privateKeyPem, signatureAlgorithm: 'sha256' });
    const url = new URL(await redirectPath(sp), 'http://idp.test');
    const samlRequest = `SAMLRequest=${encodeURIComponent(url.searchParams.get('SAMLRequest')!)}`;
    const failures = () => t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'saml.sso'), eq(auditEvents.outcome, 'failure')));
    const before = (await failures()).length;
    expectRefused(await signer.user.get(`${url.pathname}?${samlRequest}&${broken(url.searchParams)}`), 400, 'saml.request_invalid');
    const added = (await failures()).slice(before);
    expect(added.map((r) => r.details)).toEqual([expect.objectContaining({ initiated: 'sp', binding: 'redirect', code: 'saml.request_invalid' })]);
  });

  it('refuses a SigAlg naming a property every object has', async () => {
    const sp = makeSp(signer, { privateKey: spKeys.privateKeyPem, signatureAlgorithm: 'sha256' });
    const path = await redirectPath(sp);
    const sigAlg = /SigAlg=[^&]*/.exec(path)![0];
    expectRefused(await signer.user.get(path.replace(sigAlg, 'SigAlg=constructor')), 400, 'saml.signature_invalid');
  });

  it('refuses RSA-SHA1 signatures', async () => {
    const sp = makeSp(signer, { privateKey: spKeys.privateKeyPem, signatureAlgorithm: 'sha1' });
    expectRefused(await signer.user.get(await redirectPath(sp)), 400, 'saml.signature_invalid');
  });
});
