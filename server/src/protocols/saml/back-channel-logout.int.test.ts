import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ValidateInResponseTo, type SAML } from '@node-saml/node-saml';
import { and, eq, sql } from 'drizzle-orm';
import { createTestApp, PUBLIC_URL, STRONG_PASSWORD, type TestApp, type TestClient } from '../../../test/harness.ts';
import { makeSp, readAutoPost, seedSamlWorld, SP_ENTITY_ID, type SamlWorld } from '../../../test/saml/saml-fixtures.ts';
import { auditEvents, samlSessionApps, sessions, users } from '../../db/schema/index.ts';
import { runHousekeeping } from '../../jobs/housekeeping.ts';

/** The SP's SOAP logout endpoint on loopback: each LogoutRequest it got, answered as `answer` says. */
type Received = { soapAction: string | undefined; contentType: string | undefined; logoutRequest: string };
let t: TestApp;
let world: SamlWorld;
let sp: SAML;
let server: Server;
let soapUrl: string;
let received: Received[] = [];
let answer: 'success' | 'other_request' | 'http_500' = 'success';
let appId: string;
let memberId: string;

const LOGOUT_REQUEST = /<samlp:LogoutRequest[\s\S]*<\/samlp:LogoutRequest>/;
const requestId = (xml: string) => /<samlp:LogoutRequest[^>]* ID="([^"]+)"/.exec(xml)![1];
const logoutResponse = (inResponseTo: string) =>
  `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="${new Date().toISOString()}" InResponseTo="${inResponseTo}"><saml:Issuer>${SP_ENTITY_ID}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status></samlp:LogoutResponse></soap:Body></soap:Envelope>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const logoutRequest = LOGOUT_REQUEST.exec(body)?.[0] ?? '';
      received.push({ soapAction: req.headers.soapaction as string | undefined, contentType: req.headers['content-type'], logoutRequest });
      if (answer === 'http_500') return res.writeHead(500).end();
      res.writeHead(200, { 'content-type': 'text/xml' }).end(logoutResponse(answer === 'success' ? requestId(logoutRequest) : '_not-ours'));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  soapUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/saml/slo/soap`;
  t = await createTestApp();
  world = await seedSamlWorld(t);
  // A front-channel URL too: the back channel is preferred, the browser is never sent there.
  appId = (await world.createApp({ sloUrl: 'https://sp.example.test/saml/slo', sloSoapUrl: soapUrl })).id;
  // IdP-initiated sign-ins answer no request of the SP's.
  sp = makeSp(world, { validateInResponseTo: ValidateInResponseTo.ifPresent, logoutUrl: `${PUBLIC_URL}/saml/${world.orgSlug}/slo` });
  memberId = (await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, world.userEmail)))[0].id;
});
afterAll(async () => {
  await t.close();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  received = [];
  answer = 'success';
});

/** A fresh browser signed in to Tessera and, through the portal tile, to the SP; the SP's view of that sign-in. */
async function signedIntoSp(): Promise<{ browser: TestClient; profile: NonNullable<Awaited<ReturnType<SAML['validatePostResponseAsync']>>['profile']>; sessionId: string }> {
  const browser = t.client();
  expect((await browser.signIn(world.userEmail, STRONG_PASSWORD)).statusCode).toBe(200);
  const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: readAutoPost(await browser.get(`/saml/apps/${appId}/launch`)).SAMLResponse });
  const [session] = await t.database.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, memberId)).orderBy(sql`${sessions.createdAt} desc`).limit(1);
  return { browser, profile: profile!, sessionId: session.id };
}

async function told(count = 1): Promise<Received[]> {
  await expect.poll(() => received.length, { timeout: 5_000 }).toBe(count);
  return received;
}

/** The SP checks the request as an SP does: signed by the IdP, for that person and that sign-in. */
async function expectLogoutOf(request: Received, profile: { nameID: string; sessionIndex?: string }) {
  expect(request.contentType).toMatch(/^text\/xml/);
  expect(request.soapAction).toBe('http://www.oasis-open.org/committees/security');
  const atSp = await sp.validatePostRequestAsync({ SAMLRequest: Buffer.from(request.logoutRequest).toString('base64') });
  expect(atSp.loggedOut).toBe(true);
  expect(atSp.profile).toMatchObject({ nameID: profile.nameID, sessionIndex: profile.sessionIndex });
}

const soapAudits = async () =>
  (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'saml.logout'), eq(auditEvents.targetUserId, memberId))).orderBy(sql`${auditEvents.at} desc`)).filter(
    (e) => (e.details as { binding?: string }).binding === 'soap',
  );

describe('SAML single logout over the back channel (SOAP binding)', () => {
  it('tells the SP, signed, when an administrator signs the person out — no browser in the room', async () => {
    const { browser, profile } = await signedIntoSp();
    expect((await world.admin.post(`/api/admin/users/${memberId}/sign-out`, {})).statusCode).toBe(204);
    expect((await browser.get('/api/session')).statusCode).toBe(401);
    const [request] = await told();
    await expectLogoutOf(request, profile);
    await expect.poll(async () => (await soapAudits())[0]?.outcome).toBe('success');
    expect((await soapAudits())[0].details).toMatchObject({ appId, initiated: 'idp', binding: 'soap', requestId: requestId(request.logoutRequest) });
  });

  it('tells it when the person signs that browser out from the Security page of another one', async () => {
    const { profile, sessionId } = await signedIntoSp();
    const other = t.client();
    await other.signIn(world.userEmail, STRONG_PASSWORD);
    expect((await other.delete(`/api/me/sessions/${sessionId}`)).statusCode).toBe(204);
    await expectLogoutOf((await told())[0], profile);
  });

  it("on the portal's Log out, tells it over the back channel instead of sending the browser there", async () => {
    const { browser, profile } = await signedIntoSp();
    expect((await browser.post('/api/auth/logout', {})).json()).toEqual({ redirectTo: '/login' });
    await expectLogoutOf((await told())[0], profile);
  });

  it('tells it when the sign-in runs out', async () => {
    const { profile, sessionId } = await signedIntoSp();
    await t.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, sessionId));
    await runHousekeeping(t.database.db);
    await expectLogoutOf((await told())[0], profile);
  });

  it('does not tell the SP that asked for the logout itself (it gets its LogoutResponse)', async () => {
    const { browser, profile } = await signedIntoSp();
    const url = new URL(await sp.getLogoutUrlAsync(profile, '', {}));
    const res = await browser.get(url.pathname + url.search);
    expect(res.statusCode, res.body).toBe(200);
    expect(readAutoPost(res).SAMLResponse).toBeTruthy();
    expect((await browser.get('/api/session')).statusCode).toBe(401);
    // Another sign-out sweeps what is left: nothing of that sign-in.
    const { sessionId } = await signedIntoSp();
    await world.admin.post(`/api/admin/users/${memberId}/sign-out`, {});
    await told(1);
    expect(await t.database.db.select().from(samlSessionApps).where(eq(samlSessionApps.sessionId, sessionId))).toHaveLength(0);
  });

  it('audits an SP that answers with an error or for another request as a failure; the sign-out stands', async () => {
    for (const [how, reason] of [
      ['http_500', 'unreachable'],
      ['other_request', 'unexpected_response'],
    ] as const) {
      answer = how;
      received = [];
      const { browser } = await signedIntoSp();
      await world.admin.post(`/api/admin/users/${memberId}/sign-out`, {});
      await told();
      expect((await browser.get('/api/session')).statusCode).toBe(401);
      await expect.poll(async () => (await soapAudits())[0]?.details).toMatchObject({ reason });
      expect((await soapAudits())[0].outcome).toBe('failure');
    }
  });

  it("takes the SP's SOAP SingleLogoutService from its metadata", async () => {
    const other = makeSp(world, { issuer: 'https://soap.example.test', callbackUrl: 'https://soap.example.test/acs', logoutCallbackUrl: 'https://soap.example.test/slo' });
    const metadata = other
      .generateServiceProviderMetadata(null)
      .replace(/(<(?:md:)?SingleLogoutService)/, '$1 Binding="urn:oasis:names:tc:SAML:2.0:bindings:SOAP" Location="https://soap.example.test/slo/soap"/>$1');
    const res = await world.admin.post('/api/admin/apps/saml/import', { name: 'With SOAP', metadataXml: metadata });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ sloUrl: 'https://soap.example.test/slo', sloSoapUrl: 'https://soap.example.test/slo/soap' });
  });

  // Last: the password changes for good.
  it('tells it at once when the person signs out everywhere else, or changes their password', async () => {
    const first = await signedIntoSp();
    const other = t.client();
    await other.signIn(world.userEmail, STRONG_PASSWORD);
    expect((await other.post('/api/me/sessions/sign-out-others', {})).json().ended).toBeGreaterThanOrEqual(1);
    await expectLogoutOf((await told())[0], first.profile);

    const second = await signedIntoSp();
    const changed = await other.post('/api/me/password', { currentPassword: STRONG_PASSWORD, newPassword: 'an-Other-strong-passw0rd', keepThisSession: true });
    expect(changed.statusCode, changed.body).toBe(200);
    await expectLogoutOf((await told(2))[1], second.profile);
  });
});

describe('SAML back-channel logout outside tests', () => {
  it('never calls a loopback or private address (SSRF), and audits the refusal', async () => {
    const guarded = await createTestApp({ OUTBOUND_ALLOW: '' });
    try {
      const w = await seedSamlWorld(guarded, 'Guarded');
      const id = (await w.createApp({ sloSoapUrl: soapUrl })).id;
      const person = (await guarded.database.db.select({ id: users.id }).from(users).where(eq(users.email, w.userEmail)))[0].id;
      const browser = guarded.client();
      await browser.signIn(w.userEmail, STRONG_PASSWORD);
      expect(readAutoPost(await browser.get(`/saml/apps/${id}/launch`)).SAMLResponse).toBeTruthy();
      expect((await w.admin.post(`/api/admin/users/${person}/sign-out`, {})).statusCode).toBe(204);
      await expect
        .poll(async () => (await guarded.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'saml.logout'), eq(auditEvents.targetUserId, person))))[0]?.details)
        .toMatchObject({ binding: 'soap', reason: 'not_allowed' });
      expect(received).toEqual([]);
    } finally {
      await guarded.close();
    }
  });
});
