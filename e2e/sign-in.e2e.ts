import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { startE2E, PASSWORD, type E2E } from './support/environment.ts';
import { sendPasswordWithAddress } from './support/pages.ts';
import { users } from '../server/src/db/schema/index.ts';

let env: E2E;

beforeAll(async () => {
  env = await startE2E();
  const acme = await env.seedOrg('Acme Corp');
  const globex = await env.seedOrg('Globex');
  await env.seedUser({ email: 'ada@acme.test', orgs: [acme], firstName: 'Ada', lastName: 'Lovelace' });
  await env.seedUser({ email: 'multi@acme.test', orgs: [acme, globex], firstName: 'Max', lastName: 'Planck' });
  const kiosk = await env.seedOrg('Kiosk Co', { session: { rememberMeDays: 0 } });
  await env.seedUser({ email: 'kim@kiosk.test', orgs: [kiosk], firstName: 'Kim', lastName: 'Lee' });
  await env.seedUser({ email: 'lucie@acme.test', orgs: [acme], firstName: 'Lucie', lastName: 'Aubrac' });
  // Asked by an administrator to choose a new password at the next sign-in.
  const noor = await env.seedUser({ email: 'noor@acme.test', orgs: [acme], firstName: 'Noor', lastName: 'Haddad' });
  await env.tessera.database.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, noor.id));
});
const rememberedOnBrowser = (page: Page) => page.evaluate(() => localStorage.getItem('tessera.rememberedEmail'));
afterAll(() => env?.close());

async function enterEmail(page: Page, email: string, remember = false) {
  await expect.poll(() => page.getByRole('heading', { name: 'User Login' }).isVisible()).toBe(true);
  await page.getByLabel(/^Email/).fill(email);
  if (remember) await page.getByLabel('Remember me').check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function enterPassword(page: Page, password: string) {
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Login' }).click();
}

describe('User Login', () => {
  it('signs in with e-mail then password, shows the portal, and logs out on the server', async () => {
    const { page, context } = await env.newPage();
    await page.goto(`${env.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByPlaceholder('User Email Address').waitFor();
    await enterEmail(page, 'ada@acme.test');
    await page.getByText('ada@acme.test').waitFor();
    await page.getByRole('link', { name: 'Reset User Password' }).waitFor();
    await enterPassword(page, PASSWORD);
    await page.waitForURL(`${env.url}/`);
    const menu = page.getByRole('button', { name: 'Account menu' });
    await menu.waitFor();
    expect(await menu.textContent()).toContain('AL');
    expect(await page.getByText('Acme Corp').first().isVisible()).toBe(true);
    expect((await context.request.get(`${env.url}/api/session`)).status()).toBe(200);

    await menu.click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
    expect((await context.request.get(`${env.url}/api/session`)).status()).toBe(401);
    await context.close();
  });

  it('lets Back leave the login page a signed-out visit was sent to', async () => {
    const { page, context } = await env.newPage();
    await page.goto(`${env.url}/healthz`);
    await page.goto(`${env.url}/security`);
    await page.waitForURL(`${env.url}/login?returnTo=%2Fsecurity`);
    await page.getByRole('heading', { name: 'User Login' }).waitFor();
    await page.goBack();
    await page.waitForURL(`${env.url}/healthz`);
    await context.close();
  });

  it('lets the keyboard reach the show-password button, named for what it does in the reader\'s language', async () => {
    const { page, context } = await env.newPage();
    await page.goto(`${env.url}/login?lang=fr`);
    await page.getByLabel(/^E-mail/).fill('ada@acme.test');
    await page.getByRole('button', { name: 'Continuer' }).click();
    const password = page.getByLabel(/^Mot de passe/);
    await password.fill('not-sent');
    await password.press('Tab');
    const show = page.getByRole('button', { name: 'Afficher le mot de passe' });
    expect(await show.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    expect(await password.getAttribute('type')).toBe('text');
    const hide = page.getByRole('button', { name: 'Masquer le mot de passe' });
    expect(await hide.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await password.getAttribute('type')).toBe('password');
    await context.close();
  });

  it('says the same for a wrong password as for an unknown address', async () => {
    const { page, context } = await env.newPage();
    await page.goto(`${env.url}/login`);
    await enterEmail(page, 'ada@acme.test');
    await enterPassword(page, 'not-my-password');
    const wrong = await page.getByRole('alert').textContent();
    await page.getByRole('button', { name: 'Change' }).or(page.getByRole('link', { name: 'Change' })).click();
    // Change brings back what was typed, to correct rather than retype.
    await expect.poll(() => page.getByLabel(/^Email/).inputValue()).toBe('ada@acme.test');
    await enterEmail(page, 'nobody@acme.test');
    await enterPassword(page, 'not-my-password');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(wrong);
    expect(wrong).toMatch(/incorrect/i);
    await context.close();
  });

  it('forgets that the new password was refused once it is edited, on the step that asks for one', async () => {
    const { page, context } = await env.newPage();
    await page.goto(`${env.url}/login`);
    await enterEmail(page, 'noor@acme.test');
    await enterPassword(page, PASSWORD);
    await page.getByText('Your administrator asks you to choose a new password.').waitFor();
    const password = page.getByLabel(/^New password/);
    const confirm = page.getByLabel(/^Confirm password/);
    const refusal = await sendPasswordWithAddress(page, { password, confirm }, 'noor', 'Save');
    // Said of the new password: editing the confirmation leaves it, editing the password clears it.
    await confirm.fill('noor-Horse-battery-4');
    expect(await refusal.count()).toBe(1);
    await password.fill('another-Horse-battery-43');
    await refusal.waitFor({ state: 'detached' });
    await confirm.fill('another-Horse-battery-43');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`${env.url}/`);
    await context.close();
  });

  it('remembers the e-mail (never the password) when Remember me is ticked', async () => {
    const { page, context } = await env.newPage();
    await page.goto(`${env.url}/login`);
    await enterEmail(page, 'ada@acme.test', true);
    await enterPassword(page, PASSWORD);
    await page.waitForURL(`${env.url}/`);
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
    await expect.poll(() => page.getByLabel(/^Email/).inputValue()).toBe('ada@acme.test');
    const stored = await page.evaluate(() => JSON.stringify(localStorage));
    expect(stored).not.toContain(PASSWORD);
    // For the organization's "Remember me" duration: 30 days by default.
    const { until } = JSON.parse((await rememberedOnBrowser(page))!) as { until: number };
    expect(Math.round((until - Date.now()) / 86_400_000)).toBe(30);

    await page.getByLabel('Remember me').uncheck();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel(/^Password/).waitFor();
    await page.getByRole('button', { name: 'Change' }).click();
    await page.reload();
    await expect.poll(() => page.getByLabel(/^Email/).inputValue()).toBe('');
    await context.close();
  });

  it('remembers nothing for an organization whose "Remember me" duration is 0 days', async () => {
    const { page, context } = await env.newPage();
    await page.goto(`${env.url}/login`);
    await enterEmail(page, 'kim@kiosk.test', true);
    await enterPassword(page, PASSWORD);
    await page.waitForURL(`${env.url}/`);
    expect(await rememberedOnBrowser(page)).toBeNull();
    await context.close();
  });

  it('lets a member of several organizations choose one, and switch later', async () => {
    const { page, context } = await env.newPage();
    await page.goto(`${env.url}/login`);
    await enterEmail(page, 'multi@acme.test');
    await enterPassword(page, PASSWORD);
    await page.getByRole('button', { name: 'Globex' }).click();
    await page.waitForURL(`${env.url}/`);
    await expect.poll(async () => (await context.request.get(`${env.url}/api/session`)).json().then((s) => s.organization.slug)).toBe('globex');

    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: /Acme Corp/ }).click();
    await expect.poll(async () => (await context.request.get(`${env.url}/api/session`)).json().then((s) => s.organization.slug)).toBe('acme-corp');

    // The same, in French: the menu, the chooser and the portal speak it, and the switch holds.
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Français' }).click();
    await page.getByRole('button', { name: 'Menu du compte' }).click();
    await page.getByText('Organisations', { exact: true }).waitFor();
    await page.getByRole('menuitem', { name: /Globex/ }).click();
    await expect.poll(async () => (await context.request.get(`${env.url}/api/session`)).json().then((s) => s.organization.slug)).toBe('globex');
    await page.getByText('Vous êtes connecté·e à Globex.').waitFor();
    await context.close();
  });

  it("follows the person: chosen in the account menu, it is theirs on another browser and in their e-mails", async () => {
    const first = await env.newPage();
    await first.page.goto(`${env.url}/login`);
    await enterEmail(first.page, 'lucie@acme.test');
    await enterPassword(first.page, PASSWORD);
    await first.page.waitForURL(`${env.url}/`);
    await first.page.getByRole('button', { name: 'Account menu' }).click();
    await first.page.getByRole('menuitem', { name: 'Français' }).click();
    await first.page.getByRole('button', { name: 'Menu du compte' }).waitFor();
    await expect.poll(async () => (await first.context.request.get(`${env.url}/api/session`)).json().then((s) => s.user.language)).toBe('fr');
    await first.context.close();

    // Another browser, in English: the sign-in pages speak its language, the portal the person's.
    const { page, context } = await env.newPage();
    await page.goto(`${env.url}/login`);
    await enterEmail(page, 'lucie@acme.test');
    await enterPassword(page, PASSWORD);
    await page.waitForURL(`${env.url}/`);
    await page.getByRole('button', { name: 'Menu du compte' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.getByRole('button', { name: 'Menu du compte' }).click();
    await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/login/);
    // Her e-mails follow her choice too: a reset link asked for after signing out comes in French.
    await page.getByLabel(/^E-mail/).fill('lucie@acme.test');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('link', { name: /Réinitialiser/ }).click();
    await page.getByLabel(/^E-mail/).fill('lucie@acme.test');
    await page.getByRole('button', { name: /Envoyer/ }).click();
    const mail = await env.waitForMail('lucie@acme.test', /Réinitialisez votre mot de passe/);
    expect(mail.text).toContain('/reset-password#token=');
    await context.close();
  });
});
