import type { BrowserContext, Page } from 'playwright-core';
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
