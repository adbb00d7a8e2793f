import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startE2E, PASSWORD, type E2E } from './support/environment.ts';
import { expectLimitSaidAtField, expectNotificationClearOfHeader, signedInToPortal, signInThroughPage } from './support/pages.ts';
import { seriousA11yViolations } from './support/axe.ts';
import { createApp, assignApp } from '../server/src/domain/apps/app-store.ts';
import { removeAppAssignment } from '../server/src/domain/apps/app-assignments.ts';

let env: E2E;

beforeAll(async () => {
  env = await startE2E();
  const acme = await env.seedOrg('Acme Corp');
  const locked = await env.seedOrg('Locked Co', { profile: { details: false, personal: false, employment: false } });
  const cheyenne = await env.seedUser({ email: 'cbrooks@acme.test', orgs: [acme], firstName: 'Cheyenne', lastName: 'Brooks' });
  await env.seedUser({ email: 'ro@locked.test', orgs: [locked], firstName: 'Read', lastName: 'Only' });
  await env.seedUser({ email: 'dora@acme.test', orgs: [acme], firstName: 'Dora', lastName: 'Duval' });
  // Of their own, so that what the tests below change (languages, sessions) stays out of the others'.
  const finn = await env.seedUser({ email: 'finn@acme.test', orgs: [acme], firstName: 'Finn', lastName: 'Ahl' });
  await env.seedUser({ email: 'gus@acme.test', orgs: [acme], firstName: 'Gus', lastName: 'Berg' });
  const db = env.tessera.database.db;
  const wiki = await createApp(db, acme.id, { type: 'bookmark', name: 'Team Wiki', url: `${env.url}/healthz`, description: 'What the team knows', details: 'Sign in with your company e-mail.' });
  await assignApp(db, wiki.id, { userId: cheyenne.id });
  await createApp(db, acme.id, { type: 'bookmark', name: 'Not Mine', url: 'https://example.invalid/', description: '', details: '' });
  for (const name of ['Calendrier équipe', 'Paie']) {
    const app = await createApp(db, acme.id, { type: 'bookmark', name, url: `${env.url}/healthz`, description: '', details: '' });
    await assignApp(db, app.id, { userId: finn.id });
  }
  const gail = (await env.seedUser({ email: 'gail@acme.test', orgs: [acme], firstName: 'Gail', lastName: 'Ness' })).id;
  stale = { userId: gail, appId: (await createApp(db, acme.id, { type: 'bookmark', name: 'Expenses', url: `${env.url}/healthz`, description: '', details: '' })).id };
  await assignApp(db, stale.appId, { userId: gail });
});
let stale: { userId: string; appId: string };
afterAll(() => env?.close());

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name }).click();

describe('User Portal', () => {
  it('has no serious accessibility violations on the login pages and each section', async () => {
    // Only so that axe-core can be injected; the pages' own CSP is tested elsewhere.
    const { page, context } = await env.newPage({ bypassCSP: true });
    await page.goto(`${env.url}/login`);
    await page.getByLabel(/^Email/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.goto(`${env.url}/admin/login`);
    await page.getByLabel(/^Email/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await signInThroughPage(page, { url: `${env.url}/login`, email: 'cbrooks@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/`);
    for (const [section, ready] of [['Dashboard', 'apps-count'], ['Applications', 'app-tile'], ['Profile', null], ['Security', 'session-row']] as const) {
      await nav(page, section);
      if (ready) await page.getByTestId(ready).first().waitFor();
      else await page.getByRole('heading', { name: 'Profile Details' }).waitFor();
      expect(await seriousA11yViolations(page), section).toEqual([]);
    }
    await context.close();
  });

  it('shows my applications with details and launches one', async () => {
    const { page, context } = await signedInToPortal(env, 'cbrooks@acme.test');
    await page.getByTestId('apps-count').filter({ hasText: '1' }).waitFor();
    await nav(page, 'Applications');
    const tile = page.getByTestId('app-tile').filter({ hasText: 'Team Wiki' });
    await tile.getByText('What the team knows').waitFor();
    // No icon: the initials of its two words, as the admin list and the consent page show them.
    expect(await tile.locator('.mantine-Avatar-placeholder').textContent()).toBe('TW');
    // The whole tile launches, its description too.
    const description = (await tile.getByText('What the team knows').boundingBox())!;
    const [fromDescription] = await Promise.all([context.waitForEvent('page'), page.mouse.click(description.x + description.width / 2, description.y + description.height / 2)]);
    await fromDescription.waitForURL(`${env.url}/healthz`);
    await fromDescription.close();
    expect(await page.getByText('Not Mine').count()).toBe(0);
    await page.getByRole('button', { name: 'details' }).click();
    await page.getByText('Sign in with your company e-mail.').waitFor();
    await page.keyboard.press('Escape');
    const [tab] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Team Wiki', exact: true }).click()]);
    await tab.waitForURL(`${env.url}/healthz`);
    await nav(page, 'Dashboard');
    await page.getByText('Most used: Team Wiki').waitFor();
    await context.close();
  });

  it('finds an application whatever the case and accents typed in the search', async () => {
    const { page, context } = await signedInToPortal(env, 'finn@acme.test');
    await nav(page, 'Applications');
    await expect.poll(() => page.getByTestId('app-tile').count()).toBe(2);
    await page.getByLabel('Search').fill('EQUIPE');
    await expect.poll(() => page.getByTestId('app-tile').count()).toBe(1);
    await page.getByTestId('app-tile').filter({ hasText: 'Calendrier équipe' }).waitFor();
    await page.getByLabel('Search').fill('nothing like it');
    await page.getByText('No application matches.').waitFor();
    await context.close();
  });

  it("says a tile whose access was taken back meanwhile is no longer the person's, and drops it", async () => {
    const { page, context } = await signedInToPortal(env, 'gail@acme.test');
    await nav(page, 'Applications');
    const tile = page.getByTestId('app-tile').filter({ hasText: 'Expenses' });
    await tile.waitFor();
    await removeAppAssignment(env.tessera.database.db, stale.appId, { userId: stale.userId });
    await page.getByRole('button', { name: 'Expenses', exact: true }).click();
    await page.getByRole('alert').getByText('You no longer have access to this application. Ask your administrator.').waitFor();
    await tile.waitFor({ state: 'detached' });
    await context.close();
  });

  it('edits the profile; the company e-mail is never editable', async () => {
    const { page, context } = await signedInToPortal(env, 'cbrooks@acme.test');
    await nav(page, 'Profile');
    expect(await page.getByLabel('Company Email').isEditable()).toBe(false);
    const details = page.getByRole('region', { name: 'Profile Details' });
    // A pasted name hiding a text-direction override is refused, and the field says why.
    await details.getByLabel('Last Name').fill('Brooks\u202Eeel');
    await details.getByRole('button', { name: 'Save' }).click();
    await details.getByText('This contains invisible control or text-direction characters. Type it rather than pasting it.').waitFor();
    await details.getByLabel('Last Name').fill('Brooks-Lee');
    await details.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved').first().waitFor();
    // Below the header: it hides neither the account menu nor, opened, the menu's items (QA).
    await expectNotificationClearOfHeader(page, 'Saved');
    const personal = page.getByRole('region', { name: 'Personal Information' });
    // Each section's street says whose it is, as in the reference.
    await personal.getByLabel('Home Street Address').waitFor();
    await page.getByRole('region', { name: 'Employment Information' }).getByLabel('Work Street Address').waitFor();
    await personal.getByLabel('Work Phone').fill('not a phone!');
    await personal.getByRole('button', { name: 'Save' }).click();
    await personal.getByRole('alert').waitFor();
    // The field says what it takes, in the reader's words, not the validator's.
    await personal.getByText('Digits, spaces and + ( ) - . / x only.').waitFor();
    await personal.getByLabel('Work Phone').fill('+1 (555) 010-2000');
    await personal.getByRole('button', { name: 'Save' }).click();
    await page.reload();
    await expect.poll(() => page.getByRole('region', { name: 'Personal Information' }).getByLabel('Work Phone').inputValue()).toBe('+1 (555) 010-2000');
    await expect.poll(() => page.getByRole('region', { name: 'Profile Details' }).getByLabel('Last Name').inputValue()).toBe('Brooks-Lee');
    await context.close();
  });

  it('says a refusal once, at its field, with the limit it passed; names and addresses follow their script', async () => {
    const gus = await signedInToPortal(env, 'gus@acme.test');
    await nav(gus.page, 'Profile');
    const his = gus.page.getByRole('region', { name: 'Profile Details' });
    await his.getByLabel('Username').fill('gberg');
    await his.getByRole('button', { name: 'Save' }).click();
    await gus.page.getByText('Saved').first().waitFor();
    await gus.context.close();

    const { page, context } = await signedInToPortal(env, 'cbrooks@acme.test');
    await nav(page, 'Profile');
    const details = page.getByRole('region', { name: 'Profile Details' });
    const username = details.getByLabel('Username');
    await username.fill('gberg');
    await details.getByRole('button', { name: 'Save' }).click();
    const taken = 'This username is already taken in the organization.';
    await details.getByText(taken).waitFor();
    expect(await username.evaluate((input) => input === document.activeElement)).toBe(true);
    // Neither an alert above the form nor a toast repeats it (a toast would have shown with it).
    await page.waitForTimeout(500);
    expect(await page.getByText(taken).count()).toBe(1);
    await username.fill('');
    await expect.poll(() => page.getByText(taken).count()).toBe(0);

    const firstName = details.getByLabel('First Name');
    await expectLimitSaidAtField(details, firstName, details.getByRole('button', { name: 'Save' }), 'مريم');
    expect(await firstName.evaluate((input) => input.matches(':dir(rtl)'))).toBe(true);
    const city = page.getByRole('region', { name: 'Personal Information' }).getByLabel('City');
    await city.fill('Paris');
    expect(await city.evaluate((input) => input.matches(':dir(ltr)'))).toBe(true);
    await city.fill('القاهرة');
    expect(await city.evaluate((input) => input.matches(':dir(rtl)'))).toBe(true);
    await context.close();
  });

  it('shows a read-only profile where the organization disabled self-editing', async () => {
    const { page, context } = await signedInToPortal(env, 'ro@locked.test');
    await nav(page, 'Profile');
    await page.getByText('Your administrator does not allow editing this section').first().waitFor();
    expect(await page.getByLabel('Last Name').isEditable()).toBe(false);
    expect(await page.getByRole('region', { name: 'Profile Details' }).getByRole('button', { name: 'Save' }).count()).toBe(0);
    await context.close();
  });

  it('refuses a malformed SSH key, and generates a key pair whose fingerprint matches ssh-keygen', async () => {
    const { page, context } = await signedInToPortal(env, 'cbrooks@acme.test');
    await nav(page, 'Security');
    const ssh = page.getByRole('region', { name: 'SSH Keys' });
    await ssh.getByLabel('Name').fill('Broken');
    await ssh.getByLabel('Public key').fill('ssh-ed25519 AAAAnotakey');
    await ssh.getByRole('button', { name: 'Add key' }).click();
    await ssh.getByText(/truncated|base64|length/).waitFor();
    expect(await ssh.getByTestId('ssh-key-row').count()).toBe(0);

    await ssh.getByLabel('Name').fill('Browser key');
    await ssh.getByLabel('Public key').fill('');
    const [download] = await Promise.all([page.waitForEvent('download'), ssh.getByRole('button', { name: 'Generate a key' }).click()]);
    const dir = mkdtempSync(path.join(tmpdir(), 'tessera-e2e-ssh-'));
    const keyFile = path.join(dir, 'id_ed25519');
    await download.saveAs(keyFile);
    chmodSync(keyFile, 0o600);
    expect(readFileSync(keyFile, 'utf8')).toContain('BEGIN OPENSSH PRIVATE KEY');
    writeFileSync(`${keyFile}.pub`, execFileSync('ssh-keygen', ['-y', '-f', keyFile], { encoding: 'utf8' }));
    const printed = execFileSync('ssh-keygen', ['-lf', `${keyFile}.pub`], { encoding: 'utf8' }).split(' ')[1];
    await expect.poll(() => ssh.getByTestId('ssh-fingerprint').first().textContent()).toContain(printed);

    // Removing asks first: dismissed, the key stays; confirmed, it goes.
    page.once('dialog', (d) => void d.dismiss());
    await ssh.getByRole('button', { name: 'Remove Browser key' }).click();
    await page.reload();
    await ssh.getByTestId('ssh-key-row').filter({ hasText: 'Browser key' }).waitFor();
    page.once('dialog', (d) => void d.accept());
    await ssh.getByRole('button', { name: 'Remove Browser key' }).click();
    await expect.poll(() => ssh.getByTestId('ssh-key-row').count()).toBe(0);

    // The host agent is not there yet: the section says so, and offers nothing to click.
    const agent = page.getByRole('region', { name: 'Tessera Agent' });
    await agent.getByText('is not available yet').waitFor();
    expect(await agent.getByRole('button').count()).toBe(0);
    expect(await agent.getByRole('link').count()).toBe(0);
    await context.close();
  });

  it('names a session from a program it cannot recognise as unknown, in the reader\'s language', async () => {
    const odd = await env.browser.newContext({ userAgent: 'Printer/1.0', locale: 'en-US' });
    const oddPage = await odd.newPage();
    await signInThroughPage(oddPage, { url: `${env.url}/login`, email: 'dora@acme.test', password: PASSWORD });
    await oddPage.waitForURL(`${env.url}/`);
    const { page, context } = await signedInToPortal(env, 'dora@acme.test');
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Français' }).click();
    await page.goto(`${env.url}/security`);
    const sessions = page.getByRole('region', { name: 'Sessions et appareils' });
    await sessions.getByText('Navigateur inconnu · Système inconnu').waitFor();
    await sessions.getByText('Chrome · Linux').waitFor();
    // What the server says of a malformed key is English: the French page says so before it.
    const ssh = page.getByRole('region', { name: 'Clés SSH' });
    await ssh.getByLabel('Nom').fill('Cassée');
    await ssh.getByLabel('Clé publique').fill('ssh-ed25519 AAAAnotakey');
    await ssh.getByRole('button', { name: 'Ajouter la clé' }).click();
    await ssh.getByText(/Détails \(en anglais\) : .*(truncated|base64|length)/).waitFor();
    await context.close();
    await odd.close();
  });

  it('on a phone, keeps the keyboard in the open navigation menu until Escape or a link closes it', async () => {
    const { page, context } = await signedInToPortal(env, 'gus@acme.test');
    await page.setViewportSize({ width: 390, height: 844 });
    const burger = page.getByRole('button', { name: 'Main navigation' });
    const menu = page.locator('nav[aria-label="Main navigation"]');
    const focusInMenu = () => menu.evaluate((nav) => nav.contains(document.activeElement));
    expect(await burger.getAttribute('aria-expanded')).toBe('false');
    expect(await burger.getAttribute('aria-controls')).toBe(await menu.getAttribute('id'));
    await burger.click();
    expect(await burger.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(focusInMenu).toBe(true);
    // More presses than the menu has links: focus goes round inside it, never to the page behind.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInMenu(), `after ${i + 1} Tab`).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await focusInMenu()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => burger.getAttribute('aria-expanded')).toBe('false');
    expect(await burger.evaluate((b) => b === document.activeElement)).toBe(true);
    // Closed, the menu is off screen and out of the Tab order.
    await page.keyboard.press('Tab');
    expect(await focusInMenu()).toBe(false);
    // Choosing a link still closes it.
    await burger.click();
    await menu.getByRole('link', { name: 'Profile' }).click();
    await page.waitForURL(`${env.url}/profile`);
    await expect.poll(() => burger.getAttribute('aria-expanded')).toBe('false');
    await context.close();
  });

  it('forgets that the current password was wrong once it is edited', async () => {
    const { page, context } = await signedInToPortal(env, 'gus@acme.test');
    await nav(page, 'Security');
    const pw = page.getByRole('region', { name: 'Password' });
    await pw.getByLabel(/^Current Password/).fill('not-my-password');
    await pw.getByLabel(/^New password/).fill('another-Horse-battery-43');
    await pw.getByLabel(/^Confirm password/).fill('another-Horse-battery-43');
    await pw.getByRole('button', { name: 'Reset Password' }).click();
    const wrong = pw.getByRole('alert').filter({ hasText: 'Your current password is not right.' });
    await wrong.waitFor();
    // Said of the current password: editing another field leaves it, editing that one clears it.
    await pw.getByLabel(/^Confirm password/).fill('another-Horse-battery-4');
    expect(await wrong.count()).toBe(1);
    await pw.getByLabel(/^Current Password/).fill(PASSWORD);
    await wrong.waitFor({ state: 'detached' });
    await context.close();
  });

  it('lists my sessions and signs out another one', async () => {
    const other = await signedInToPortal(env, 'cbrooks@acme.test');
    const { page, context } = await signedInToPortal(env, 'cbrooks@acme.test');
    await nav(page, 'Security');
    const sessions = page.getByRole('region', { name: 'Sessions and devices' });
    await expect.poll(() => sessions.getByTestId('session-row').count()).toBeGreaterThanOrEqual(2);
    await sessions.getByText('This session').waitFor();
    // Two sessions of one browser and system tell apart by when each signed in.
    expect(await sessions.getByRole('columnheader', { name: 'Signed in' }).count()).toBe(1);
    expect(await sessions.getByTestId('session-row').first().getByRole('cell').nth(2).textContent()).toMatch(/\d/);
    // On a phone each session is a card that fits the screen, its lines named, not a table to scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    const row = sessions.getByTestId('session-row').first();
    await expect.poll(async () => (await row.boundingBox())!.width).toBeLessThanOrEqual(390);
    expect(await row.getByRole('cell').nth(1).evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"IP address: "');
    await page.setViewportSize({ width: 1280, height: 720 });
    await sessions.getByRole('button', { name: 'Sign out all other sessions' }).click();
    await expect.poll(async () => (await other.context.request.get(`${env.url}/api/session`)).status()).toBe(401);
    expect((await context.request.get(`${env.url}/api/session`)).status()).toBe(200);
    await expect.poll(() => sessions.getByTestId('session-row').count()).toBe(1);
    // The browser signed out finds out at its next action, and is taken to sign in again.
    await nav(other.page, 'Security');
    await other.page.waitForURL(`${env.url}/login?returnTo=%2Fsecurity`);
    await context.close();
    await other.context.close();
  });
});
