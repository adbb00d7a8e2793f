import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { createTestApp, PUBLIC_URL, seedOrg, type TestApp } from '../../../test/harness.ts';
import { createMasterKey } from '../../domain/secrets/master-key.ts';
import { auditEvents, signingKeys } from '../../db/schema/index.ts';
import { ensureSamlIdpKey } from '../../domain/saml/idp-key-store.ts';
import { ACS_URL, SP_ENTITY_ID, makeSp, makeSpKeys, readAutoPost, redirectPath, seedSamlWorld, type SamlWorld } from '../../../test/saml/saml-fixtures.ts';

let t: TestApp;
let world: SamlWorld;
let other: SamlWorld;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedSamlWorld(t);
  other = await seedSamlWorld(t, 'Other');
});
afterAll(() => t.close());

const nameIdOf = async (appId: string) => /<saml:NameID[^>]*>([^<]+)</.exec(Buffer.from(readAutoPost(await world.user.get(`/saml/apps/${appId}/launch`)).SAMLResponse, 'base64').toString())![1];

describe('Admin API: SAML applications', () => {
  it('creates an SP by hand, reads it back without anything secret, and audits it', async () => {
    const { id } = await world.createApp({ nameIdFormat: 'persistent', attributes: [{ name: 'groups', source: 'groups' }] });
    const res = await world.admin.get(`/api/admin/apps/saml/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, type: 'saml', entityId: SP_ENTITY_ID, acsUrls: [ACS_URL], nameIdFormat: 'persistent', wantAssertionsSigned: true, launchPath: `/saml/apps/${id}/launch` });
    expect(res.body).not.toMatch(/nameIdKey|v1\./);
    const list = (await world.admin.get('/api/admin/apps')).body;
    expect(list).toContain(id);
    // The list of every application never carries protocol settings: no sealed key, no secret hash.
    await world.admin.post('/api/admin/apps/oidc', { name: 'Wiki', kind: 'web', redirectUris: ['https://wiki.example/cb'] });
    const both = (await world.admin.get('/api/admin/apps')).body;
    expect(both).toContain('Wiki');
    expect(both).not.toMatch(/nameIdKey|secretHash|"protocol"/);
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'app.created'));
    expect(audit.some((a) => (a.details as { appId: string }).appId === id)).toBe(true);
  });

  it('refuses a second SP with the same entity ID in one organization, not in another', async () => {
    const dup = await world.admin.post('/api/admin/apps/saml', { name: 'Again', entityId: SP_ENTITY_ID, acsUrls: [ACS_URL] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('saml.entity_id_taken');
    expect((await other.admin.post('/api/admin/apps/saml', { name: 'Theirs', entityId: SP_ENTITY_ID, acsUrls: [ACS_URL] })).statusCode).toBe(201);
  });

  it('sends assertions and logout messages only to https:// addresses (http:// on loopback), creating nothing otherwise', async () => {
    const before = (await world.admin.get('/api/admin/apps')).json().items.length;
    const plain = await world.admin.post('/api/admin/apps/saml', { name: 'Cleartext', entityId: 'https://plain.example.test', acsUrls: ['http://plain.example.test/acs'] });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().error.fields).toEqual([expect.objectContaining({ path: 'acsUrls.0', message: expect.stringMatching(/https/) })]);
    const plainSlo = await world.admin.post('/api/admin/apps/saml', { name: 'Cleartext', entityId: 'https://plain.example.test', acsUrls: ['https://plain.example.test/acs'], sloUrl: 'http://plain.example.test/slo' });
    expect(plainSlo.json().error.fields).toEqual([expect.objectContaining({ path: 'sloUrl' })]);
    expect((await world.admin.get('/api/admin/apps')).json().items.length).toBe(before);
    const local = await world.admin.post('/api/admin/apps/saml', { name: 'On this machine', entityId: 'https://local.example.test', acsUrls: ['http://localhost:8080/acs', 'http://127.0.0.1:8080/acs'] });
    expect(local.statusCode).toBe(201);
  });

  it('refuses an unreadable SP certificate typed by hand at its field, creating nothing', async () => {
    const before = (await world.admin.get('/api/admin/apps')).json().items.length;
    const fake = await world.admin.post('/api/admin/apps/saml', { name: 'Payroll', entityId: 'https://payroll.example.test', acsUrls: ['https://payroll.example.test/acs'], spCertificate: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error).toMatchObject({ code: 'request.invalid', fields: [{ path: 'spCertificate', check: 'custom', message: 'must be an X.509 certificate (PEM) with an RSA key' }] });
    expect((await world.admin.get('/api/admin/apps')).json().items.length).toBe(before);
  });

  it("answers 404 for another organization's application, and 403 to a member", async () => {
    const { id } = await world.createApp({ entityId: 'https://scoped.example.test' });
    expect((await other.admin.get(`/api/admin/apps/saml/${id}`)).statusCode).toBe(404);
    expect((await other.admin.post(`/api/admin/apps/saml/${id}`, { name: 'Hijacked' })).statusCode).toBe(404);
    expect((await world.user.get(`/api/admin/apps/saml/${id}`)).statusCode).toBe(403);
  });

  it('updates settings; persistent NameIDs are opaque, stable across updates and differ per SP', async () => {
    const a = await world.createApp({ entityId: 'https://p1.example.test', acsUrls: ['https://p1.example.test/acs'], nameIdFormat: 'persistent' });
    const b = await world.createApp({ entityId: 'https://p2.example.test', acsUrls: ['https://p2.example.test/acs'], nameIdFormat: 'persistent' });
    const first = await nameIdOf(a.id);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first).not.toContain(world.userEmail);
    const updated = await world.admin.post(`/api/admin/apps/saml/${a.id}`, { acsUrls: ['https://p1.example.test/new-acs'], name: 'Renamed' });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ name: 'Renamed', acsUrls: ['https://p1.example.test/new-acs'], nameIdFormat: 'persistent' });
    expect(await nameIdOf(a.id)).toBe(first);
    expect(await nameIdOf(b.id)).not.toBe(first);
    const changed = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'app.updated')));
    expect(changed.some((r) => (r.details as { appId: string }).appId === a.id)).toBe(true);
  });

  it('sets and clears the single logout URLs (front channel and SOAP), refusing a malformed one', async () => {
    const app = await world.createApp({ entityId: 'https://slo-edit.example.test', acsUrls: ['https://slo-edit.example.test/acs'] });
    const set = await world.admin.post(`/api/admin/apps/saml/${app.id}`, { sloUrl: 'https://slo-edit.example.test/slo', sloSoapUrl: 'https://slo-edit.example.test/soap' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ sloUrl: 'https://slo-edit.example.test/slo', sloSoapUrl: 'https://slo-edit.example.test/soap' });
    const bad = await world.admin.post(`/api/admin/apps/saml/${app.id}`, { sloSoapUrl: 'ftp://slo-edit.example.test/soap' });
    expect(bad.statusCode).toBe(400);
    const cleared = await world.admin.post(`/api/admin/apps/saml/${app.id}`, { sloSoapUrl: null });
    expect(cleared.json()).toMatchObject({ sloUrl: 'https://slo-edit.example.test/slo', sloSoapUrl: null });
  });

  it('imports an SP from its metadata; the imported SP then signs in with signed requests', async () => {
    const keys = await makeSpKeys();
    const sp = makeSp(world, { issuer: 'https://imported.example.test', callbackUrl: 'https://imported.example.test/acs', audience: 'https://imported.example.test', privateKey: keys.privateKeyPem, signatureAlgorithm: 'sha256', publicCert: keys.certificatePem });
    const metadataXml = sp.generateServiceProviderMetadata(null, keys.certificatePem);
    const res = await world.admin.post('/api/admin/apps/saml/import', { name: 'Imported', metadataXml, attributes: [{ name: 'mail', source: 'email' }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ entityId: 'https://imported.example.test', acsUrls: ['https://imported.example.test/acs'], signsRequests: true });
    expect(res.json().spCertificate).toContain('BEGIN CERTIFICATE');
    const member = (await t.database.db.query.users.findFirst({ where: (u, { eq: e }) => e(u.email, world.userEmail) }))!;
    await world.admin.post(`/api/admin/apps/${res.json().id}/assignments`, { userId: member.id });
    const post = readAutoPost(await world.user.get(await redirectPath(sp)));
    expect((await sp.validatePostResponseAsync({ SAMLResponse: post.SAMLResponse })).profile?.mail).toBe(world.userEmail);
  });

  it('keeps every HTTP-POST ACS of the metadata with its index, the default first, and answers a request that names one by index', async () => {
    const entity = 'https://indexed.example.test';
    const metadataXml = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entity}"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
      `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${entity}/acs-b" index="5"/>` +
      `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${entity}/acs-redirect" index="1"/>` +
      `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${entity}/acs-a" index="2" isDefault="true"/>` +
      `</md:SPSSODescriptor></md:EntityDescriptor>`;
    const res = await world.admin.post('/api/admin/apps/saml/import', { name: 'Indexed', metadataXml });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ acsUrls: [`${entity}/acs-a`, `${entity}/acs-b`], acsIndexes: [2, 5] });
    const member = (await t.database.db.query.users.findFirst({ where: (u, { eq: e }) => e(u.email, world.userEmail) }))!;
    await world.admin.post(`/api/admin/apps/${res.json().id}/assignments`, { userId: member.id });
    const ask = async (attrs: string) => {
      const xml = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomBytes(8).toString('hex')}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${PUBLIC_URL}/saml/${world.orgSlug}/sso"${attrs}><saml:Issuer>${entity}</saml:Issuer></samlp:AuthnRequest>`;
      return world.user.get(`/saml/${world.orgSlug}/sso?SAMLRequest=${encodeURIComponent(deflateRawSync(xml).toString('base64'))}`);
    };
    expect(readAutoPost(await ask(' AssertionConsumerServiceIndex="5"')).action).toBe(`${entity}/acs-b`);
    expect(readAutoPost(await ask(' AssertionConsumerServiceIndex="2"')).action).toBe(`${entity}/acs-a`);
    expect(readAutoPost(await ask('')).action).toBe(`${entity}/acs-a`);
    expect((await ask(' AssertionConsumerServiceIndex="1"')).statusCode).toBe(400);
    // Saving the same URLs keeps the indexes; new ones by hand go by position.
    expect((await world.admin.post(`/api/admin/apps/saml/${res.json().id}`, { acsUrls: [`${entity}/acs-a`, `${entity}/acs-b`] })).json().acsIndexes).toEqual([2, 5]);
    expect((await world.admin.post(`/api/admin/apps/saml/${res.json().id}`, { acsUrls: [`${entity}/acs-c`] })).json().acsIndexes).toBeUndefined();
  });

  it('refuses metadata with a DTD, metadata that is not an SP, and oversized metadata', async () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&x;"/>';
    const refused = await world.admin.post('/api/admin/apps/saml/import', { name: 'X', metadataXml: xxe });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('saml.metadata_invalid');
    const notSp = await world.admin.post('/api/admin/apps/saml/import', { name: 'X', metadataXml: '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://x"/>' });
    expect(notSp.json().error.code).toBe('saml.metadata_invalid');
    const huge = await world.admin.post('/api/admin/apps/saml/import', { name: 'X', metadataXml: `<x>${'a'.repeat(300_000)}</x>` });
    expect(huge.statusCode).toBe(413);
  });
});

describe('IdP metadata and key', () => {
  it('publishes metadata with the entity ID, both SSO bindings and the signing certificate', async () => {
    const res = await t.client().get(`/saml/${world.orgSlug}/metadata`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/samlmetadata+xml');
    expect(res.body).toContain(`entityID="http://localhost:3000/saml/${world.orgSlug}"`);
    expect(res.body).toContain('Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"');
    expect(res.body).toContain('Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"');
    expect(res.body).toContain(`Location="http://localhost:3000/saml/${world.orgSlug}/sso"`);
    const certBody = world.idpCert.replace(/-----[A-Z ]+-----|\s/g, '');
    expect(res.body.replace(/\s/g, '')).toContain(certBody);
    expect((await t.client().get('/saml/no-such-org/metadata')).statusCode).toBe(404);
  });

  it('ends with one key when several processes create it at once', async () => {
    const org = await seedOrg(t, 'Racers');
    const masterKey = createMasterKey(randomBytes(32));
    const keys = await Promise.all([1, 2, 3].map(() => ensureSamlIdpKey(t.database.db, masterKey, org.id)));
    expect(new Set(keys.map((k) => k.certificatePem)).size).toBe(1);
    expect(new Set(keys.map((k) => k.privateKeyPem)).size).toBe(1);
    const rows = await t.database.db.select().from(signingKeys).where(eq(signingKeys.orgId, org.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].privateSealed).not.toContain('PRIVATE KEY');
  });
});
