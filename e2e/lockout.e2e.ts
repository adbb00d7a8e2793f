import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startE2E, PASSWORD, type E2E } from './support/environment.ts';
import { signInThroughPage } from './support/pages.ts';
import { setUpAuthenticatorApp, typeCode } from './support/authenticator.ts';

let env: E2E;

beforeAll(async () => {
  env = await startE2E();
  const acme = await env.seedOrg('Acme Corp', { lockout: { maxFailures: 3, durationMinutes: 30 } });
  await env.seedUser({ email: 'lena@acme.test', orgs: [acme] });
  await env.seedUser({ email: 'mo@acme.test', orgs: [acme] });
});
afterAll(() => env?.close());

describe('lockout', () => {
  it('locks the account after repeated failures, says so, and mails the owner', async () => {
    const { page, context } = await env.newPage();
    await page.goto(`${env.url}/login`);
    await page.getByLabel(/^Email/).fill('lena@acme.test');
    await page.getByRole('button', { name: 'Continue' }).click();
    for (let i = 0; i < 3; i++) {
      await page.getByLabel(/^Password/).fill(`wrong-password-${i}`);
      await page.getByRole('button', { name: 'Login' }).click();
      await page.getByRole('alert').waitFor();
    }
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Your account is locked/);
    expect(await page.getByRole('alert').textContent()).toMatch(/administrator/i);

    // Even the right password is refused now.
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Your account is locked/);
    expect((await context.request.get(`${env.url}/api/session`)).status()).toBe(401);

    const mail = await env.waitForMail('lena@acme.test', /locked/i);
    expect(mail.text).toContain(`${env.url}/reset-password`);
    await context.close();
  });

  it('locked at "Verify Your Identity", takes away the code form and offers Reset User Password or another account', async () => {
    const { page, context } = await env.newPage();
    await signInThroughPage(page, { url: `${env.url}/login`, email: 'mo@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/`);
    await page.getByRole('navigation').getByRole('link', { name: 'Security' }).click();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await setUpAuthenticatorApp(page);
    await page.getByRole('button', { name: 'I have saved my codes' }).click();
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);

    await signInThroughPage(page, { email: 'mo@acme.test', password: PASSWORD });
    for (let i = 0; i < 3; i++) {
      await typeCode(page, `00000${i}`);
      await page.getByRole('button', { name: 'Submit' }).click();
      await page.getByRole('alert').waitFor();
    }
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Your account is locked/);
    expect(await page.getByRole('button', { name: 'Submit' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Reset User Password' }).waitFor();
    // The sign-in ended: a reload does not bring the code form back.
    await page.reload();
    await page.getByLabel(/^Email/).waitFor();
    expect(await page.getByRole('button', { name: 'Submit' }).count()).toBe(0);
    await context.close();
  });
});
