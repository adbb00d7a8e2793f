import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, PASSWORD, type E2E } from './support/environment.ts';
import { signedInToAdmin, signInThroughPage } from './support/pages.ts';
import { seriousA11yViolations } from './support/axe.ts';
import { eq } from 'drizzle-orm';
import { sessions } from '../server/src/db/schema/index.ts';
import { addVirtualAuthenticator, setUpAuthenticatorApp, totpCode, typeCode } from './support/authenticator.ts';

let env: E2E;
let rita: { id: string };
let tina: { id: string };

beforeAll(async () => {
  env = await startE2E();
  const acme = await env.seedOrg('Acme Corp');
  const strict = await env.seedOrg('Strict Inc', { mfa: { mode: 'required' } });
  tina = await env.seedUser({ email: 'tina@acme.test', orgs: [acme] });
  await env.seedUser({ email: 'boss@acme.test', orgs: [acme], role: 'admin' });
  await env.seedUser({ email: 'kai@acme.test', orgs: [acme] });
  await env.seedUser({ email: 'uma@acme.test', orgs: [acme] });
  await env.seedUser({ email: 'new@strict.test', orgs: [strict] });
  rita = await env.seedUser({ email: 'rita@acme.test', orgs: [acme] });
});
afterAll(() => env?.close());

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await page.waitForURL(/\/login/);
}

async function readRecoveryCodes(page: Page): Promise<string[]> {
  const box = page.getByTestId('recovery-codes');
  await box.waitFor();
  return (await box.locator('code').allTextContents()).map((c) => c.trim());
}

describe('multi-factor authentication', () => {
  it('sets up an authenticator app in the portal and signs in with it, then with a recovery code', async () => {
    const { page, context } = await env.newPage();
    await signInThroughPage(page, { url: `${env.url}/login`, email: 'tina@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/`);
    await page.getByRole('navigation').getByRole('link', { name: 'Security' }).click();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = await setUpAuthenticatorApp(page);
    const codes = await readRecoveryCodes(page);
    expect(codes).toHaveLength(10);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'I have saved my codes' }).click();
    await page.getByTestId('factor-row').filter({ hasText: 'Authenticator app' }).waitFor();
    await logOut(page);

    await signInThroughPage(page, { email: 'tina@acme.test', password: PASSWORD });
    // The reference's title, above the method the person used last.
    await page.getByText('Verify Your Identity', { exact: true }).waitFor();
    await page.getByText('Use an Authenticator App', { exact: true }).waitFor();
    expect((await context.request.get(`${env.url}/api/session`)).status()).toBe(401);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The next 30-second step: the set-up code was accepted once and is never accepted again.
    await typeCode(page, totpCode(secret, 30));
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(`${env.url}/`);
    expect((await (await context.request.get(`${env.url}/api/session`)).json()).amr).toEqual(['pwd', 'otp', 'mfa']);
    await logOut(page);

    await signInThroughPage(page, { email: 'tina@acme.test', password: PASSWORD });
    // A wrong code says so; choosing another method leaves that behind.
    await typeCode(page, '000000');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('alert').getByText(/not right/).waitFor();
    await page.getByRole('button', { name: 'Choose another method' }).click();
    await page.getByRole('alert').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel(/^Recovery code/).fill(codes[0]);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(`${env.url}/`);

    // New codes kill the old ones: asked first, and shown until the person says they kept them.
    await page.getByRole('navigation').getByRole('link', { name: 'Security' }).click();
    const section = page.getByRole('region', { name: 'Multi-Factor Authentication' });
    await section.getByText('9 recovery codes left').waitFor();
    page.once('dialog', (d) => void d.dismiss());
    await section.getByRole('button', { name: 'Make new recovery codes' }).click();
    expect((await (await context.request.get(`${env.url}/api/me/mfa`)).json()).recoveryCodesLeft).toBe(9);
    expect(await page.getByTestId('recovery-codes').count()).toBe(0);
    page.once('dialog', (d) => void d.accept());
    await section.getByRole('button', { name: 'Make new recovery codes' }).click();
    const fresh = await readRecoveryCodes(page);
    expect(fresh.some((c) => codes.includes(c))).toBe(false);
    await page.keyboard.press('Escape');
    await page.mouse.click(5, 5);
    await page.getByTestId('recovery-codes').waitFor();
    await page.getByRole('button', { name: 'I have saved my codes' }).click();
    await section.getByText('10 recovery codes left').waitFor();
    await logOut(page);

    // Lost her phone: an administrator resets her MFA, asked first, and her next sign-in needs the password alone.
    const admin = await signedInToAdmin(env, 'boss@acme.test');
    await admin.page.goto(`${env.url}/admin/users/${tina.id}`);
    const factors = admin.page.getByRole('region', { name: 'Multi-Factor Authentication' });
    await factors.getByText('Authenticator app').waitFor();
    let asked = '';
    admin.page.once('dialog', (d) => void ((asked = d.message()), d.dismiss()));
    await admin.page.getByRole('button', { name: 'Reset MFA' }).click();
    expect(asked).toContain('tina@acme.test');
    expect((await (await admin.context.request.get(`${env.url}/api/admin/users/${tina.id}`)).json()).factors).toHaveLength(1);
    admin.page.once('dialog', (d) => void d.accept());
    await admin.page.getByRole('button', { name: 'Reset MFA' }).click();
    await factors.getByText('No sign-in method is set up yet.').waitFor();
    await admin.context.close();
    await signInThroughPage(page, { email: 'tina@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/`);
    await context.close();
  });

  it('registers a key, signs in with password + key, then passwordless with the passkey', async () => {
    const { page, context } = await env.newPage();
    const authenticator = await addVirtualAuthenticator(context, page);
    await signInThroughPage(page, { url: `${env.url}/login`, email: 'kai@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/`);
    await page.getByRole('navigation').getByRole('link', { name: 'Security' }).click();
    await page.getByRole('region', { name: 'Multi-Factor Authentication' }).getByLabel('Name').fill('Laptop sensor');
    await page.getByRole('button', { name: 'Register a security key or passkey' }).click();
    await readRecoveryCodes(page);
    await page.getByRole('button', { name: 'I have saved my codes' }).click();
    await page.getByTestId('factor-row').filter({ hasText: 'Laptop sensor' }).waitFor();
    expect(await authenticator.credentials()).toHaveLength(1);
    await logOut(page);

    await signInThroughPage(page, { email: 'kai@acme.test', password: PASSWORD });
    await page.getByRole('button', { name: 'Use my security key' }).click();
    await page.waitForURL(`${env.url}/`);
    expect((await (await context.request.get(`${env.url}/api/session`)).json()).amr).toEqual(['pwd', 'hwk', 'mfa']);
    await logOut(page);

    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL(`${env.url}/`);
    const session = await (await context.request.get(`${env.url}/api/session`)).json();
    expect(session.user.email).toBe('kai@acme.test');
    expect(session.amr).toEqual(['hwk', 'user', 'mfa']);
    await context.close();
  });

  it('registers a plain USB security key (no PIN, not discoverable) and signs in with password + key', async () => {
    const { page, context } = await env.newPage();
    const key = await addVirtualAuthenticator(context, page, 'usb-key');
    await signInThroughPage(page, { url: `${env.url}/login`, email: 'uma@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/`);
    await page.getByRole('navigation').getByRole('link', { name: 'Security' }).click();
    await page.getByRole('region', { name: 'Multi-Factor Authentication' }).getByLabel('Name').fill('Blue USB key');
    await page.getByRole('button', { name: 'Register a security key or passkey' }).click();
    await readRecoveryCodes(page);
    await page.getByRole('button', { name: 'I have saved my codes' }).click();
    await page.getByTestId('factor-row').filter({ hasText: 'Blue USB key' }).waitFor();
    const [credential] = await key.credentials();
    expect(credential.isResidentCredential).toBe(false);
    await logOut(page);

    await signInThroughPage(page, { email: 'uma@acme.test', password: PASSWORD });
    await page.getByRole('button', { name: 'Use my security key' }).click();
    await page.waitForURL(`${env.url}/`);
    expect((await (await context.request.get(`${env.url}/api/session`)).json()).amr).toEqual(['pwd', 'hwk', 'mfa']);
    await context.close();
  });

  it('leads a new member of an organization that requires MFA through set-up on first sign-in', async () => {
    const { page, context } = await env.newPage();
    await signInThroughPage(page, { url: `${env.url}/login`, email: 'new@strict.test', password: PASSWORD });
    await page.getByText('Set Up Multi-Factor Authentication').waitFor();
    expect((await context.request.get(`${env.url}/api/session`)).status()).toBe(401);
    await page.getByRole('button', { name: 'Use an Authenticator App' }).click();
    await setUpAuthenticatorApp(page);
    await readRecoveryCodes(page);
    await page.getByRole('button', { name: 'I have saved my codes' }).click();
    await page.waitForURL(`${env.url}/`);
    await page.getByTestId('org-name').filter({ hasText: 'Strict Inc' }).waitFor();
    await context.close();
  });

  it('offers to sign in again when a change needs a fresh sign-in, and comes back to finish it', async () => {
    const { page, context } = await env.newPage();
    await signInThroughPage(page, { url: `${env.url}/login`, email: 'rita@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/`);
    // The sign-in was twenty minutes ago: setting up a factor needs a newer one.
    await env.tessera.database.db.update(sessions).set({ authTime: new Date(Date.now() - 20 * 60_000) }).where(eq(sessions.userId, rita.id));
    await page.getByRole('navigation').getByRole('link', { name: 'Security' }).click();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByRole('button', { name: 'I Have An App' }).click();
    const alert = page.getByRole('dialog').getByRole('alert');
    await alert.getByText('For your security, sign in again to continue.').waitFor();
    await alert.getByRole('link', { name: 'Sign in again' }).click();
    await page.getByText('User Login', { exact: true }).waitFor();
    await signInThroughPage(page, { email: 'rita@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/security`);
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await setUpAuthenticatorApp(page);
    expect(await readRecoveryCodes(page)).toHaveLength(10);
    await context.close();
  });

  it('says a passkey prompt was cancelled or timed out, not that something went wrong', async () => {
    const { page, context } = await env.newPage();
    // An authenticator that holds no passkey for this site: the browser refuses (NotAllowedError).
    await addVirtualAuthenticator(context, page);
    await page.goto(`${env.url}/login`);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByRole('alert').getByText(/cancelled or timed out/).waitFor();
    expect((await context.request.get(`${env.url}/api/session`)).status()).toBe(401);
    await context.close();
  });
});
