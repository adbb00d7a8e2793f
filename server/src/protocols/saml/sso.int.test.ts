import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedOrg, STRONG_PASSWORD, type TestApp } from '../../../test/harness.ts';
import { memberships } from '../../db/schema/index.ts';
import { ACS_URL, SP_ENTITY_ID, decodeResponse, makeSp, makeSpKeys, postFields, postToIdp, readAutoPost, redirectPath, seedSamlWorld, type SamlWorld } from '../../../test/saml/saml-fixtures.ts';

let t: TestApp;
let world: SamlWorld;
let appId: string;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedSamlWorld(t);
  appId = (
    await world.createApp({
      nameIdFormat: 'email',
      attributes: [
        { name: 'email', source: 'email' },
        { name: 'urn:oid:2.5.4.42', source: 'firstName' },
        { name: 'groups', source: 'groups' },
      ],
    })
  ).id;
});
afterAll(() => t.close());

describe('SAML SSO, SP-initiated (Web Browser SSO profile)', () => {
  it('answers an HTTP-Redirect AuthnRequest with a response node-saml accepts', async () => {
    const sp = makeSp(world);
    const res = await world.user.get(await redirectPath(sp, 'back-to/page'));
    const post = readAutoPost(res);
    expect(post.action).toBe(ACS_URL);
    expect(post.RelayState).toBe('back-to/page');
    // Our script only, and no form-action: the SP's ACS may redirect on to its application.
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('form-action');
    expect(res.headers['cache-control']).toBe('no-store');
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: post.SAMLResponse });
    expect(profile?.nameID).toBe(world.userEmail);
    expect(profile?.nameIDFormat).toBe('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
    expect(profile?.['urn:oid:2.5.4.42']).toBe('Ada');
    expect(profile?.email).toBe(world.userEmail);
  });

  it('answers an HTTP-POST AuthnRequest, posted cross-site as a form, from a same-site GET that carries the session cookie', async () => {
    const sp = makeSp(world, { authnRequestBinding: 'HTTP-POST' });
    const res = await postToIdp(world.user, `/saml/${world.orgSlug}/sso`, await postFields(sp, 'rs-1'));
    // Recorded, then answered on the continue page: a browser sends no SameSite=Lax cookie with a cross-site POST.
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^/saml/apps/[0-9a-f-]+/continue\\?request=`));
    const post = readAutoPost(await world.user.get(res.headers.location as string));
    expect(post.RelayState).toBe('rs-1');
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: post.SAMLResponse });
    expect(profile?.nameID).toBe(world.userEmail);
  });

  it('sets Destination, Recipient, Audience, InResponseTo, SessionIndex and a short validity window', async () => {
    const sp = makeSp(world);
    const path = await redirectPath(sp);
    const xml = decodeResponse(readAutoPost(await world.user.get(path)).SAMLResponse);
    const requestId = /InResponseTo="([^"]+)"/.exec(xml)?.[1];
    expect(requestId).toMatch(/^_/);
    expect(xml).toContain(`Destination="${ACS_URL}"`);
    expect(xml).toContain(`Recipient="${ACS_URL}"`);
    expect(xml).toContain(`<saml:Audience>${SP_ENTITY_ID}</saml:Audience>`);
    expect(xml).toMatch(/SessionIndex="_[0-9a-f]{40}"/);
    const notBefore = Date.parse(/NotBefore="([^"]+)"/.exec(xml)![1]);
    const notAfter = Date.parse(/Conditions NotBefore="[^"]+" NotOnOrAfter="([^"]+)"/.exec(xml)![1]);
    expect(notAfter - notBefore).toBeLessThanOrEqual(6 * 60_000);
    expect(xml).toContain('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(xml).not.toContain('rsa-sha1');
  });

  it('sends a signed-out browser to User Login and continues there once signed in', async () => {
    const sp = makeSp(world);
    const fresh = t.client();
    const first = await fresh.get(await redirectPath(sp, 'after-login'));
    expect(first.statusCode).toBe(303);
    const location = new URL(first.headers.location as string, 'http://x');
    expect(location.pathname).toBe('/login');
    const continuePath = location.searchParams.get('returnTo')!;
    expect(continuePath).toMatch(new RegExp(`^/saml/apps/${appId}/continue\\?request=`));
    expect((await fresh.signIn(world.userEmail, 'correct-Horse-battery-42')).statusCode).toBe(200);
    const post = readAutoPost(await fresh.get(continuePath));
    expect(post.RelayState).toBe('after-login');
    expect((await sp.validatePostResponseAsync({ SAMLResponse: post.SAMLResponse })).profile?.nameID).toBe(world.userEmail);
    // The continue link answers once.
    const again = await fresh.get(continuePath);
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('saml.request_expired');
  });

  it('verifies signed requests from an SP that signs (Redirect and POST)', async () => {
    const keys = await makeSpKeys();
    const signer = await seedSamlWorld(t, 'Signers');
    await signer.createApp({ signsRequests: true, spCertificate: keys.certificatePem });
    for (const binding of ['HTTP-Redirect', 'HTTP-POST'] as const) {
      const sp = makeSp(signer, { privateKey: keys.privateKeyPem, signatureAlgorithm: 'sha256', digestAlgorithm: 'sha256', authnRequestBinding: binding });
      const posted = binding === 'HTTP-POST' && (await postToIdp(signer.user, `/saml/${signer.orgSlug}/sso`, await postFields(sp)));
      const res = posted ? await signer.user.get(posted.headers.location as string) : await signer.user.get(await redirectPath(sp));
      const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: readAutoPost(res).SAMLResponse });
      expect(profile?.nameID).toBe(signer.userEmail);
    }
  });
});

describe('SAML SSO, passive requests (IsPassive)', () => {
  it('answers a signed Responder/NoPassive status instead of asking a signed-out browser to sign in', async () => {
    const sp = makeSp(world, { passive: true });
    const post = readAutoPost(await t.client().get(await redirectPath(sp, 'quiet')));
    expect(post.RelayState).toBe('quiet');
    const xml = decodeResponse(post.SAMLResponse);
    expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:status:NoPassive');
    expect(xml).not.toContain('Assertion');
    // node-saml, in passive mode, takes a verified NoPassive as "nobody is signed in".
    expect(await sp.validatePostResponseAsync({ SAMLResponse: post.SAMLResponse })).toEqual({ profile: null, loggedOut: false });
  });

  it('stays passive through the continue page when the request was posted (HTTP-POST binding)', async () => {
    const sp = makeSp(world, { passive: true, authnRequestBinding: 'HTTP-POST' });
    const browser = t.client();
    const posted = await postToIdp(browser, `/saml/${world.orgSlug}/sso`, await postFields(sp, 'quiet-post'));
    expect(posted.headers.location).toMatch(/&passive=1$/);
    const post = readAutoPost(await browser.get(posted.headers.location as string));
    expect(post.RelayState).toBe('quiet-post');
    expect(decodeResponse(post.SAMLResponse)).toContain('urn:oasis:names:tc:SAML:2.0:status:NoPassive');
  });

  it('signs a signed-in user in without interaction', async () => {
    const sp = makeSp(world, { passive: true });
    const post = readAutoPost(await world.user.get(await redirectPath(sp)));
    expect((await sp.validatePostResponseAsync({ SAMLResponse: post.SAMLResponse })).profile?.nameID).toBe(world.userEmail);
  });
});

describe('SAML SSO, ForceAuthn (SAML core §3.4.1)', () => {
  it('asks a signed-in person to sign in again, and answers only with the new sign-in', async () => {
    const sp = makeSp(world, { forceAuthn: true });
    const requestedAt = Date.now();
    const res = await world.user.get(await redirectPath(sp));
    expect(res.statusCode).toBe(303);
    const location = new URL(res.headers.location as string, 'http://x');
    expect(location.pathname).toBe('/login');
    expect(location.searchParams.get('reauth')).toBe('1');
    const back = location.searchParams.get('returnTo')!;
    expect(back).toMatch(/^\/saml\/apps\/.+\/continue\?request=_/);
    // Going straight back with the old session does not answer it.
    const early = await world.user.get(back);
    expect(early.statusCode).toBe(303);
    expect(early.headers.location).toMatch(/^\/login\?/);
    expect((await world.user.signIn(world.userEmail, STRONG_PASSWORD)).statusCode).toBe(200);
    const post = readAutoPost(await world.user.get(back));
    expect((await sp.validatePostResponseAsync({ SAMLResponse: post.SAMLResponse })).profile?.nameID).toBe(world.userEmail);
    const instant = /AuthnInstant="([^"]+)"/.exec(decodeResponse(post.SAMLResponse))![1];
    expect(new Date(instant).getTime()).toBeGreaterThanOrEqual(Math.floor(requestedAt / 1000) * 1000);
  });

  it('answers NoPassive when the request also says IsPassive', async () => {
    const sp = makeSp(world, { forceAuthn: true, passive: true });
    const post = readAutoPost(await world.user.get(await redirectPath(sp)));
    expect(decodeResponse(post.SAMLResponse)).toContain('urn:oasis:names:tc:SAML:2.0:status:NoPassive');
  });
});

describe('SAML SSO and the application\'s MFA policy', () => {
  it('sends a session without a second factor to the step-up page, then back to the same request', async () => {
    const strict = await seedSamlWorld(t, 'Strict');
    const { id } = await strict.createApp({ mfaPolicy: { mode: 'mfa' } });
    const sp = makeSp(strict);
    const res = await strict.user.get(await redirectPath(sp));
    expect(res.statusCode).toBe(303);
    const location = new URL(res.headers.location as string, 'http://x');
    expect(location.pathname).toBe('/sso/step-up');
    expect(location.searchParams.get('returnTo')).toMatch(new RegExp(`^/saml/apps/${id}/continue\\?request=_`));
    expect(res.body).not.toContain('SAMLResponse');
    const launch = await strict.user.get(`/saml/apps/${id}/launch`);
    expect(launch.headers.location).toBe(`/sso/step-up?returnTo=${encodeURIComponent(`/saml/apps/${id}/launch`)}`);
  });
});

describe('SAML SSO, what the AuthnRequest asks for (SAML core §3.4.1)', () => {
  it('steps up first when RequestedAuthnContext asks for MFA, and comes back to the same request', async () => {
    const world = await seedSamlWorld(t, 'Asks For MFA');
    const { id } = await world.createApp({});
    const sp = makeSp(world, { authnContext: ['https://refeds.org/profile/mfa'], racComparison: 'exact' });
    const res = await world.user.get(await redirectPath(sp));
    expect(res.statusCode).toBe(303);
    const location = new URL(res.headers.location as string, 'http://x');
    expect(location.pathname).toBe('/sso/step-up');
    expect(location.searchParams.get('returnTo')).toMatch(new RegExp(`^/saml/apps/${id}/continue\\?request=_`));
    // Coming back without the factor asks again: the request itself remembers what it asked for.
    const again = await world.user.get(location.searchParams.get('returnTo')!);
    expect(new URL(again.headers.location as string, 'http://x').pathname).toBe('/sso/step-up');
    // "At most a password" asks nothing more.
    const relaxed = makeSp(world, { authnContext: ['urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport'], racComparison: 'maximum' });
    expect(readAutoPost(await world.user.get(await redirectPath(relaxed))).SAMLResponse).toBeTruthy();
  });

  it('answers InvalidNameIDPolicy for a NameID format the application does not send', async () => {
    const world = await seedSamlWorld(t, 'Name Policy');
    await world.createApp({ nameIdFormat: 'persistent' });
    const sp = makeSp(world, { identifierFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient' });
    const xml = decodeResponse(readAutoPost(await world.user.get(await redirectPath(sp))).SAMLResponse);
    expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy');
    expect(xml).not.toContain('Assertion');
    const asked = makeSp(world, { identifierFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent' });
    const { profile } = await asked.validatePostResponseAsync({ SAMLResponse: readAutoPost(await world.user.get(await redirectPath(asked))).SAMLResponse });
    expect(profile?.nameIDFormat).toBe('urn:oasis:names:tc:SAML:2.0:nameid-format:persistent');
  });

  it('tells the SP of a passive request that the person may not use it (RequestDenied), with no page', async () => {
    const world = await seedSamlWorld(t, 'Not Yours');
    const created = await world.admin.post('/api/admin/apps/saml', { name: 'Unassigned', entityId: SP_ENTITY_ID, acsUrls: [ACS_URL] });
    expect(created.statusCode).toBe(201);
    const sp = makeSp(world, { passive: true });
    const xml = decodeResponse(readAutoPost(await world.user.get(await redirectPath(sp))).SAMLResponse);
    expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:status:RequestDenied');
    expect(xml).not.toContain('Assertion');
  });
});

describe("SAML SSO and the application's organization's rules", () => {
  it("asks a session signed in to another organization for the factor this one requires", async () => {
    const world = await seedSamlWorld(t, 'Required Here');
    const { id } = await world.createApp({});
    expect((await world.admin.post('/api/admin/policies', { mfa: { mode: 'required', graceSignIns: 5 } })).statusCode).toBe(200);
    const elsewhere = await seedOrg(t, 'Relaxed There');
    const person = (await t.database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.emailCanonical, world.userEmail) }))!;
    await t.database.db.insert(memberships).values({ orgId: elsewhere.id, userId: person.id });
    const browser = t.client();
    expect((await browser.signIn(world.userEmail, STRONG_PASSWORD, { org: elsewhere.slug })).json().step).toBe('done');
    const launch = await browser.get(`/saml/apps/${id}/launch`);
    expect(launch.headers.location).toBe(`/sso/step-up?returnTo=${encodeURIComponent(`/saml/apps/${id}/launch`)}`);
    expect(launch.body).not.toContain('SAMLResponse');
  });
});

describe('SAML SSO, IdP-initiated (portal tile)', () => {
  it('posts an unsolicited response without InResponseTo that node-saml accepts', async () => {
    const sp = makeSp(world, { validateInResponseTo: 'never' as never });
    const post = readAutoPost(await world.user.get(`/saml/apps/${appId}/launch`));
    expect(post.action).toBe(ACS_URL);
    expect(decodeResponse(post.SAMLResponse)).not.toContain('InResponseTo');
    expect((await sp.validatePostResponseAsync({ SAMLResponse: post.SAMLResponse })).profile?.nameID).toBe(world.userEmail);
  });

  it('sends a signed-out browser to User Login with the launch path to come back to', async () => {
    const res = await t.client().get(`/saml/apps/${appId}/launch`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/login?returnTo=${encodeURIComponent(`/saml/apps/${appId}/launch`)}`);
  });
});
