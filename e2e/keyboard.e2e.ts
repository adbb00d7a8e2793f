import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './support/environment.ts';
import { signedInToAdmin, signedInToPortal } from './support/pages.ts';
import { seriousA11yViolations } from './support/axe.ts';

let env: E2E;

beforeAll(async () => {
  env = await startE2E();
  const acme = await env.seedOrg('Acme Corp');
  await env.seedUser({ email: 'admin@acme.test', orgs: [acme], role: 'admin', firstName: 'Grace', lastName: 'Hopper' });
  await env.seedUser({ email: 'ada@acme.test', orgs: [acme], firstName: 'Ada', lastName: 'Lovelace' });
});
afterAll(() => env?.close());

/** The focused element's ring, as drawn: outline style and width in pixels. */
const ringOfFocused = (page: Page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
const focusedIsInMain = (page: Page) => page.evaluate(() => document.getElementById('main-content')!.contains(document.activeElement) && document.activeElement!.id !== 'main-content');

/** Tab from the top of the page: "Skip to content" first, seen once focused; Enter moves the focus to the page. */
async function skipToContent(page: Page) {
  // Loaded afresh, so that Tab starts at the top of the page, not where signing in left off.
  await page.reload();
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await skip.waitFor({ state: 'attached' });
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.keyboard.press('Tab');
  expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
  const box = (await skip.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(await ringOfFocused(page)).toEqual({ style: 'solid', width: 2 });
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
  await page.keyboard.press('Tab');
  expect(await focusedIsInMain(page)).toBe(true);
}

describe('Keyboard', () => {
  it('skips the header and navigation of the admin console, and rings the focused field and button', async () => {
    const { page, context } = await signedInToAdmin(env, 'admin@acme.test');
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await skipToContent(page);
    // The first field of the page, a text input: once only a 1-px border colour change.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('email');
    expect((await ringOfFocused(page)).width).toBeGreaterThanOrEqual(2);
    await page.getByRole('button', { name: 'Send invitation', exact: true }).focus();
    expect((await ringOfFocused(page)).width).toBeGreaterThanOrEqual(2);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('skips to the content of the portal too', async () => {
    const { page, context } = await signedInToPortal(env, 'ada@acme.test');
    await skipToContent(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('rings the focused field on the sign-in page', async () => {
    const { page, context } = await env.newPage();
    await page.goto(`${env.url}/login`);
    const email = page.getByLabel(/^Email/);
    await email.waitFor();
    await email.focus();
    expect(await ringOfFocused(page)).toEqual({ style: 'solid', width: 2 });
    await context.close();
  });
});
