import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidateInResponseTo, type SAML } from '@node-saml/node-saml';
import { createTestApp, PUBLIC_URL, STRONG_PASSWORD, type TestApp } from '../../../test/harness.ts';
import { and, desc, eq } from 'drizzle-orm';
import { findUserByEmail } from '../../domain/users/user-store.ts';
import { auditEvents, sessions } from '../../db/schema/index.ts';
import { onSignedOut, type SignedOut } from '../../domain/sessions/signed-out.ts';
import { decodeResponse, makeSp, makeSpKeys, readAutoPost, redirectPath, seedSamlWorld, type SamlWorld } from '../../../test/saml/saml-fixtures.ts';

const SLO_URL = 'https://sp.example.test/saml/slo';
let t: TestApp;
let world: SamlWorld;
let sp: SAML;
let keys: Awaited<ReturnType<typeof makeSpKeys>>;
let appId: string;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedSamlWorld(t);
  keys = await makeSpKeys();
  appId = (await world.createApp({ sloUrl: SLO_URL, signsRequests: true, spCertificate: keys.certificatePem })).id;
  // node-saml looks for InResponseTo on a posted LogoutResponse only when present (it reads it on
  // Response elements alone before that); it then checks it against the logout request it sent.
  sp = makeSp(world, { logoutUrl: `${PUBLIC_URL}/saml/${world.orgSlug}/slo`, logoutCallbackUrl: SLO_URL, privateKey: keys.privateKeyPem, signatureAlgorithm: 'sha256', validateInResponseTo: ValidateInResponseTo.ifPresent });
});
afterAll(() => t.close());

/** Signs the member in at the SP (SP-initiated), returning the profile the SP keeps for logout. */
async function signedInAtSp() {
  expect((await world.user.signIn(world.userEmail, STRONG_PASSWORD)).statusCode).toBe(200);
  const post = readAutoPost(await world.user.get(await redirectPath(sp)));
  const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: post.SAMLResponse });
  return profile!;
}
const logoutPath = async (profile: Parameters<SAML['getLogoutUrlAsync']>[0], relayState = '') => {
  const url = new URL(await sp.getLogoutUrlAsync(profile, relayState, {}));
  return url.pathname + url.search;
};
const isSignedIn = async () => (await world.user.get('/api/session')).statusCode === 200;

describe('SAML single logout, SP-initiated (SAML profiles §4.4)', () => {
  it('takes the SP\'s SingleLogoutService from its metadata', async () => {
    const other = makeSp(world, { issuer: 'https://slo.example.test', callbackUrl: 'https://slo.example.test/acs', logoutCallbackUrl: 'https://slo.example.test/slo' });
    const res = await world.admin.post('/api/admin/apps/saml/import', { name: 'With SLO', metadataXml: other.generateServiceProviderMetadata(null) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().sloUrl).toBe('https://slo.example.test/slo');
  });

  it('advertises an HTTP-Redirect SingleLogoutService in the IdP metadata', async () => {
    const res = await t.client().get(`/saml/${world.orgSlug}/metadata`);
    expect(res.body).toMatch(new RegExp(`SingleLogoutService[^>]*Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"[^>]*Location="${PUBLIC_URL}/saml/${world.orgSlug}/slo"`));
  });

  it('ends the Tessera session the SP names and answers with a signed LogoutResponse the SP accepts', async () => {
    const profile = await signedInAtSp();
    expect(await isSignedIn()).toBe(true);
    const post = readAutoPost(await world.user.get(await logoutPath(profile, 'back-home')));
    expect(post.action).toBe(SLO_URL);
    expect(post.RelayState).toBe('back-home');
    expect(decodeResponse(post.SAMLResponse)).toContain('urn:oasis:names:tc:SAML:2.0:status:Success');
    const answer = await sp.validatePostResponseAsync({ SAMLResponse: post.SAMLResponse });
    expect(answer.loggedOut).toBe(true);
    expect(await isSignedIn()).toBe(false);
  });

  it('ends the rest of that sign-in’s single sign-on too (announced as a sign-out)', async () => {
    const profile = await signedInAtSp();
    const member = (await findUserByEmail(t.database.db, world.userEmail))!;
    const [live] = await t.database.db.select().from(sessions).where(eq(sessions.userId, member.id)).orderBy(desc(sessions.createdAt)).limit(1);
    const heard: SignedOut[] = [];
    const stop = onSignedOut(async (ended) => void heard.push(ended));
    try {
      await world.user.get(await logoutPath(profile));
    } finally {
      stop();
    }
    expect(heard).toEqual([expect.objectContaining({ userId: member.id, authTime: live.authTime })]);
  });

  it('leaves the session of another person (or another sign-in) alone', async () => {
    const profile = await signedInAtSp();
    // Answered (the SP is told the person it named is signed out here), but this session stays.
    expect(readAutoPost(await world.user.get(await logoutPath({ ...profile, nameID: 'someone-else@acme.test' }))).action).toBe(SLO_URL);
    expect(await isSignedIn()).toBe(true);
    expect(readAutoPost(await world.user.get(await logoutPath({ ...profile, sessionIndex: '_not-this-session' }))).action).toBe(SLO_URL);
    expect(await isSignedIn()).toBe(true);
  });

  it('refuses an unsigned logout request from an SP that signs, and one for another destination', async () => {
    const profile = await signedInAtSp();
    const unsigned = makeSp(world, { logoutUrl: `${PUBLIC_URL}/saml/${world.orgSlug}/slo` });
    const url = new URL(await unsigned.getLogoutUrlAsync(profile, '', {}));
    const res = await world.user.get(url.pathname + url.search);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('saml.signature_invalid');
    // A request meant for another IdP endpoint (its Destination) is refused too.
    const elsewhere = makeSp(world, { logoutUrl: `${PUBLIC_URL}/saml/${world.orgSlug}/other`, privateKey: keys.privateKeyPem, signatureAlgorithm: 'sha256' });
    const wrong = new URL(await elsewhere.getLogoutUrlAsync(profile, '', {}));
    const misdirected = await world.user.get(`/saml/${world.orgSlug}/slo${wrong.search}`);
    expect(misdirected.statusCode).toBe(400);
    expect(misdirected.body).toContain('saml.request_invalid');
    expect(await isSignedIn()).toBe(true);
  });

  it('answers a logout request whose Signature is not URL-encoded with 400, audited, and keeps the session', async () => {
    const profile = await signedInAtSp();
    const path = await logoutPath(profile);
    const failures = () => t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'saml.logout'), eq(auditEvents.outcome, 'failure')));
    const before = (await failures()).length;
    const res = await world.user.get(path.replace(/Signature=[^&]*/, 'Signature=%%%%'));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('saml.request_invalid');
    expect((await failures()).slice(before).map((r) => r.details)).toEqual([{ code: 'saml.request_invalid' }]);
    expect(await isSignedIn()).toBe(true);
  });
});

describe('SAML single logout asked by an SP the session never signed into', () => {
  it('leaves the session alone, however exactly the request names the person', async () => {
    const quiet = 'https://quiet.example.test';
    await world.createApp({ entityId: quiet, acsUrls: [`${quiet}/acs`], sloUrl: `${quiet}/slo`, nameIdFormat: 'email' });
    const profile = await signedInAtSp();
    // An SP that signs nothing (or a page posing as one): only its say-so names the person.
    const forger = makeSp(world, { issuer: quiet, callbackUrl: `${quiet}/acs`, logoutUrl: `${PUBLIC_URL}/saml/${world.orgSlug}/slo`, logoutCallbackUrl: `${quiet}/slo` });
    const url = new URL(await forger.getLogoutUrlAsync({ ...profile, nameID: world.userEmail, nameIDFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', sessionIndex: undefined }, '', {}));
    await world.user.get(url.pathname + url.search);
    expect(await isSignedIn()).toBe(true);
  });
});

describe('SAML single logout, IdP-initiated when the person logs out of the portal (SAML profiles §4.4.3)', () => {
  /** A fresh browser signed in to Tessera and, through it, to the SP (IdP-initiated from the tile). */
  async function browserAtSp() {
    const browser = t.client();
    expect((await browser.signIn(world.userEmail, STRONG_PASSWORD)).statusCode).toBe(200);
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: readAutoPost(await browser.get(`/saml/apps/${appId}/launch`)).SAMLResponse });
    return { browser, profile: profile! };
  }
  const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

  it('takes the browser to the SP with a signed LogoutRequest for that sign-in, then back to User Login', async () => {
    const { browser, profile } = await browserAtSp();
    const logout = await browser.post('/api/auth/logout', {});
    expect(logout.statusCode).toBe(200);
    const { redirectTo } = logout.json() as { redirectTo: string };
    expect(redirectTo).toMatch(/^\/saml\/logout\//);
    // Signed out of Tessera at once; the chain only tells the applications.
    expect((await browser.get('/api/session')).statusCode).toBe(401);

    const post = readAutoPost(await browser.get(redirectTo));
    expect(post.action).toBe(SLO_URL);
    const atSp = await sp.validatePostRequestAsync({ SAMLRequest: post.SAMLRequest! });
    expect(atSp.loggedOut).toBe(true);
    expect(atSp.profile).toMatchObject({ nameID: profile.nameID, sessionIndex: profile.sessionIndex });

    const back = await browser.get(pathOf(await sp.getLogoutResponseUrlAsync(atSp.profile!, post.RelayState!, {}, true)));
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe(redirectTo);
    const done = await browser.get(redirectTo);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/login');
    const events = (await world.admin.get('/api/admin/audit?event=saml.logout_response')).json() as { items: { outcome: string; details: Record<string, unknown> }[] };
    expect(events.items[0]).toMatchObject({ outcome: 'success', details: { appId, inResponseTo: atSp.profile!.ID } });
  });

  it('ends on the Administrator Portal Login when the person logs out of that portal', async () => {
    const { browser } = await browserAtSp();
    const { redirectTo } = (await browser.post('/api/auth/logout', { portal: 'admin' })).json() as { redirectTo: string };
    const post = readAutoPost(await browser.get(redirectTo));
    const atSp = await sp.validatePostRequestAsync({ SAMLRequest: post.SAMLRequest! });
    await browser.get(pathOf(await sp.getLogoutResponseUrlAsync(atSp.profile!, post.RelayState!, {}, true)));
    expect((await browser.get(redirectTo)).headers.location).toBe('/admin/login');
  });

  it('refuses a LogoutResponse it did not ask for, or one sent twice', async () => {
    const { browser } = await browserAtSp();
    const { redirectTo } = (await browser.post('/api/auth/logout', {})).json() as { redirectTo: string };
    const post = readAutoPost(await browser.get(redirectTo));
    const atSp = await sp.validatePostRequestAsync({ SAMLRequest: post.SAMLRequest! });
    // Answering another request than the one sent: refused, and the chain still waits for its answer.
    const forged = await browser.get(pathOf(await sp.getLogoutResponseUrlAsync({ ...atSp.profile!, ID: '_someone-else' }, post.RelayState!, {}, true)));
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('saml.request_invalid');
    const answer = pathOf(await sp.getLogoutResponseUrlAsync(atSp.profile!, post.RelayState!, {}, true));
    expect((await browser.get(answer)).statusCode).toBe(303);
    const replayed = await browser.get(answer);
    expect(replayed.statusCode).toBe(400);
    expect(replayed.body).toContain('saml.request_invalid');
  });

  it('refuses an SLO message that is both a request and a response, or neither', async () => {
    for (const query of ['SAMLRequest=a&SAMLResponse=b', 'RelayState=x']) {
      const res = await world.user.get(`/saml/${world.orgSlug}/slo?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('request.invalid');
    }
  });

  it('goes straight to User Login when no application of the sign-in takes single logout', async () => {
    const browser = t.client();
    expect((await browser.signIn(world.userEmail, STRONG_PASSWORD)).statusCode).toBe(200);
    expect((await browser.post('/api/auth/logout', {})).json()).toEqual({ redirectTo: '/login' });
  });
});

describe('SAML single logout started by one SP reaches the others of that sign-in (SAML profiles §4.4.3.2)', () => {
  const SP2 = { entityId: 'https://crm.example.test/saml', acsUrl: 'https://crm.example.test/saml/acs', sloUrl: 'https://crm.example.test/saml/slo' };
  let crm: SAML;
  let crmId: string;
  beforeAll(async () => {
    crmId = (await world.createApp({ name: 'CRM', entityId: SP2.entityId, acsUrls: [SP2.acsUrl], sloUrl: SP2.sloUrl })).id;
    crm = makeSp(world, { issuer: SP2.entityId, audience: SP2.entityId, callbackUrl: SP2.acsUrl, logoutUrl: `${PUBLIC_URL}/saml/${world.orgSlug}/slo`, logoutCallbackUrl: SP2.sloUrl, validateInResponseTo: ValidateInResponseTo.never });
  });
  const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

  it('takes the browser to the other SP first, then answers the SP that asked', async () => {
    const browser = t.client();
    expect((await browser.signIn(world.userEmail, STRONG_PASSWORD)).statusCode).toBe(200);
    const wiki = (await sp.validatePostResponseAsync({ SAMLResponse: readAutoPost(await browser.get(`/saml/apps/${appId}/launch`)).SAMLResponse })).profile!;
    await crm.validatePostResponseAsync({ SAMLResponse: readAutoPost(await browser.get(`/saml/apps/${crmId}/launch`)).SAMLResponse });

    // The wiki asks; Tessera's session ends at once, and the browser goes to the CRM first.
    const asked = await browser.get(pathOf(await sp.getLogoutUrlAsync(wiki, 'wiki-relay', {})));
    expect(asked.statusCode).toBe(303);
    expect((await browser.get('/api/session')).statusCode).toBe(401);
    const toCrm = readAutoPost(await browser.get(asked.headers.location as string));
    expect(toCrm.action).toBe(SP2.sloUrl);
    const atCrm = await crm.validatePostRequestAsync({ SAMLRequest: toCrm.SAMLRequest! });
    const back = await browser.get(pathOf(await crm.getLogoutResponseUrlAsync(atCrm.profile!, toCrm.RelayState!, {}, true)));

    // Then the wiki gets its answer, with its own RelayState.
    const toWiki = readAutoPost(await browser.get(back.headers.location as string));
    expect(toWiki.action).toBe(SLO_URL);
    expect(toWiki.RelayState).toBe('wiki-relay');
    expect((await sp.validatePostResponseAsync({ SAMLResponse: toWiki.SAMLResponse })).loggedOut).toBe(true);
  });
});
