import { expect } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { PASSWORD, type E2E } from './environment.ts';

/** Types the e-mail and the password on the User Login (or Administrator Portal Login) page. */
export async function signInThroughPage(page: Page, input: { email: string; password: string; url?: string }): Promise<void> {
  if (input.url) await page.goto(input.url);
  await page.getByLabel(/^Email/).fill(input.email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(/^Password/).fill(input.password);
  await page.getByRole('button', { name: 'Login' }).click();
}

/** A new browser context signed in to the User Portal as `email` (the seeded password). */
export async function signedInToPortal(env: E2E, email: string, opts: { bypassCSP?: boolean } = {}): Promise<{ page: Page; context: BrowserContext }> {
  const { page, context } = await env.newPage(opts);
  await signInThroughPage(page, { url: `${env.url}/login`, email, password: PASSWORD });
  await page.waitForURL(`${env.url}/`);
  return { page, context };
}

/** A new browser context signed in to the Administrator Portal as `email` (the seeded password). */
export async function signedInToAdmin(env: E2E, email: string): Promise<{ page: Page; context: BrowserContext }> {
  const { page, context } = await env.newPage();
  await signInThroughPage(page, { url: `${env.url}/admin/login`, email, password: PASSWORD });
  await page.waitForURL(`${env.url}/admin`);
  return { page, context };
}

/** Clicks an application's tile; it opens in a new tab, as the portal does it. */
export async function launchTile(page: Page, context: BrowserContext, name: string): Promise<Page> {
  await page.getByRole('navigation').getByRole('link', { name: 'Applications' }).click();
  await page.getByTestId('app-tile').filter({ hasText: name }).waitFor();
  const [tab] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name, exact: true }).click()]);
  tab.setDefaultTimeout(15_000);
  return tab;
}

/**
 * Types a new password, and its confirmation, holding the address's local part (which only the
 * server refuses), sends it with the `submit` button, and returns the refusal once shown.
 */
export async function sendPasswordWithAddress(page: Page, fields: { password: Locator; confirm: Locator }, localPart: string, submit: string): Promise<Locator> {
  await fields.password.fill(`${localPart}-Horse-battery-42`);
  await fields.confirm.fill(`${localPart}-Horse-battery-42`);
  await page.getByRole('button', { name: submit }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'The password does not meet the requirements.' });
  await refusal.waitFor();
  return refusal;
}

/**
 * Fills `field` of `scope` with 101 characters, sends it with `submit`, and checks the 100-character
 * limit is said there, and goes once the field is edited to `then`.
 */
export async function expectLimitSaidAtField(scope: Locator, field: Locator, submit: Locator, then: string): Promise<void> {
  await field.fill('x'.repeat(101));
  await submit.click();
  const limit = scope.getByText('At most 100 characters.');
  await limit.waitFor();
  await field.fill(then);
  await limit.waitFor({ state: 'detached' });
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
/** Whether a click at (x, y) reaches `el` (or what it holds), nothing painted above it. */
const reaches = (el: Element, [x, y]: [number, number]) => el.contains(document.elementFromPoint(x, y));

/**
 * The notification saying `text` (shown now) is below the header, clear of the account menu; and
 * the account menu, opened while it shows, is drawn above it: all of it is seen and clicked.
 */
export async function expectNotificationClearOfHeader(page: Page, text: string): Promise<void> {
  const shown = (await page.getByRole('alert').filter({ hasText: text }).first().boundingBox())!;
  const header = (await page.getByRole('banner').boundingBox())!;
  const account = page.getByRole('button', { name: /Account menu/ });
  expect(overlaps(shown, (await account.boundingBox())!)).toBe(false);
  expect(shown.y).toBeGreaterThanOrEqual(header.y + header.height);
  await account.click();
  const menu = page.getByRole('menu');
  const open = (await menu.boundingBox())!;
  // Where the two meet (the menu opens below the account button, where notifications show).
  expect(overlaps(shown, open)).toBe(true);
  const x = (Math.max(shown.x, open.x) + Math.min(shown.x + shown.width, open.x + open.width)) / 2;
  const y = (Math.max(shown.y, open.y) + Math.min(shown.y + shown.height, open.y + open.height)) / 2;
  expect(await menu.evaluate(reaches, [x, y] as [number, number])).toBe(true);
  await page.keyboard.press('Escape');
}
