import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PUBLIC_URL, STRONG_PASSWORD, type TestApp } from '../../../test/harness.ts';
import { decodeResponse, makeSp, readAutoPost, redirectPath, seedSamlWorld, type SamlWorld } from '../../../test/saml/saml-fixtures.ts';

const run = promisify(execFile);
let t: TestApp;
let world: SamlWorld;
let dir: string;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedSamlWorld(t);
  dir = mkdtempSync(path.join(tmpdir(), 'tessera-xmlsec-'));
  writeFileSync(path.join(dir, 'idp.pem'), world.idpCert);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

/** Debian's xmlsec1, an implementation independent of ours, checks the signature on the element named by its ID. */
async function xmlsecVerifies(xml: string, idElement: 'assertion:Assertion' | 'protocol:Response' | 'protocol:LogoutResponse' | 'protocol:LogoutRequest'): Promise<boolean> {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  try {
    await run('xmlsec1', ['--verify', '--pubkey-cert-pem', path.join(dir, 'idp.pem'), '--id-attr:ID', `urn:oasis:names:tc:SAML:2.0:${idElement}`, file]);
    return true;
  } catch {
    return false;
  }
}

async function responseFor(entityId: string, settings: Record<string, unknown>): Promise<string> {
  const app = await world.createApp({ entityId, acsUrls: [`${entityId}/acs`], attributes: [{ name: 'mail', source: 'email' }], ...settings });
  return decodeResponse(readAutoPost(await world.user.get(`/saml/apps/${app.id}/launch`)).SAMLResponse);
}

describe('SAML signatures verified by xmlsec1', () => {
  it('accepts the assertion signature (RSA-SHA256) and refuses it once the assertion is altered', async () => {
    const xml = await responseFor('https://a.example.test', { wantAssertionsSigned: true, wantResponseSigned: false });
    expect(xml.match(/<ds:Signature[\s>]/g)).toHaveLength(1);
    expect(await xmlsecVerifies(xml, 'assertion:Assertion')).toBe(true);
    expect(await xmlsecVerifies(xml.replace(world.userEmail, 'mallory@example.test'), 'assertion:Assertion')).toBe(false);
  });

  it('accepts the response signature when the SP wants the response signed', async () => {
    const xml = await responseFor('https://r.example.test', { wantAssertionsSigned: false, wantResponseSigned: true });
    expect(xml.match(/<ds:Signature[\s>]/g)).toHaveLength(1);
    expect(/<samlp:Response[^>]*>\s*<saml:Issuer>[^<]*<\/saml:Issuer>\s*<ds:Signature/.test(xml)).toBe(true);
    expect(await xmlsecVerifies(xml, 'protocol:Response')).toBe(true);
    expect(await xmlsecVerifies(xml.replace('Success', 'Requester'), 'protocol:Response')).toBe(false);
  });

  it('signs both when the SP wants both', async () => {
    const xml = await responseFor('https://b.example.test', { wantAssertionsSigned: true, wantResponseSigned: true });
    expect(xml.match(/<ds:Signature[\s>]/g)).toHaveLength(2);
    expect(await xmlsecVerifies(xml, 'protocol:Response')).toBe(true);
  });

  it('signs the NoPassive status response', async () => {
    await world.createApp({ entityId: 'https://n.example.test', acsUrls: ['https://n.example.test/acs'] });
    const sp = makeSp(world, { issuer: 'https://n.example.test', callbackUrl: 'https://n.example.test/acs', passive: true });
    const xml = decodeResponse(readAutoPost(await t.client().get(await redirectPath(sp))).SAMLResponse);
    expect(xml).toContain('status:NoPassive');
    expect(await xmlsecVerifies(xml, 'protocol:Response')).toBe(true);
  });

  it('signs the LogoutResponse of single logout', async () => {
    await world.createApp({ entityId: 'https://l.example.test', acsUrls: ['https://l.example.test/acs'], sloUrl: 'https://l.example.test/slo' });
    const sp = makeSp(world, { issuer: 'https://l.example.test', audience: 'https://l.example.test', callbackUrl: 'https://l.example.test/acs', logoutUrl: `${PUBLIC_URL}/saml/${world.orgSlug}/slo` });
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: readAutoPost(await world.user.get(await redirectPath(sp))).SAMLResponse });
    const url = new URL(await sp.getLogoutUrlAsync(profile!, '', {}));
    const xml = decodeResponse(readAutoPost(await world.user.get(url.pathname + url.search)).SAMLResponse);
    expect(xml).toContain('<samlp:LogoutResponse');
    expect(await xmlsecVerifies(xml, 'protocol:LogoutResponse')).toBe(true);
    expect(await xmlsecVerifies(xml.replace('status:Success', 'status:Requester'), 'protocol:LogoutResponse')).toBe(false);
  });

  it('signs the LogoutRequest a portal log out sends an SP', async () => {
    const app = await world.createApp({ entityId: 'https://o.example.test', acsUrls: ['https://o.example.test/acs'], sloUrl: 'https://o.example.test/slo' });
    const browser = t.client();
    expect((await browser.signIn(world.userEmail, STRONG_PASSWORD)).statusCode).toBe(200);
    readAutoPost(await browser.get(`/saml/apps/${app.id}/launch`));
    const { redirectTo } = (await browser.post('/api/auth/logout', {})).json() as { redirectTo: string };
    const xml = decodeResponse(readAutoPost(await browser.get(redirectTo)).SAMLRequest!);
    expect(xml).toContain('<samlp:LogoutRequest');
    expect(await xmlsecVerifies(xml, 'protocol:LogoutRequest')).toBe(true);
    expect(await xmlsecVerifies(xml.replace(world.userEmail, 'mallory@example.test'), 'protocol:LogoutRequest')).toBe(false);
  });
});
