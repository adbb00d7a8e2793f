import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './support/environment.ts';
import { signedInToAdmin } from './support/pages.ts';

let env: E2E;
let louId: string;

beforeAll(async () => {
  env = await startE2E();
  const acme = await env.seedOrg('Acme Corp');
  await env.seedUser({ email: 'admin@acme.test', orgs: [acme], role: 'admin', firstName: 'Grace', lastName: 'Hopper' });
  louId = (await env.seedUser({ email: 'lou@acme.test', orgs: [acme], firstName: 'Lou', lastName: 'Locked' })).id;
  // Enough members for the Users page to run far below the first screen.
  for (let i = 0; i < 40; i++) await env.seedUser({ email: `member${i}@acme.test`, orgs: [acme] });
});
afterAll(() => env?.close());

/** The names of the navigation's entries marked as the page the administrator is on. */
async function current(page: Page): Promise<string[]> {
  const marked = page.getByRole('navigation').locator('a[aria-current="page"]');
  // The navigation is drawn once the session is read: wait for it, then read every mark.
  await marked.first().waitFor();
  return marked.allTextContents();
}

/** The colour at (x, y) of a PNG, read in a blank page (no CSP there to refuse a data: image). */
async function pixelAt(page: Page, png: Buffer, x: number, y: number): Promise<number[]> {
  const blank = await page.context().newPage();
  const rgba = await blank.evaluate(
    async ([src, x, y]) => {
      const img = new Image();
      img.src = src as string;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      return [...ctx.getImageData(x as number, y as number, 1, 1).data];
    },
    [`data:image/png;base64,${png.toString('base64')}`, x, y] as const,
  );
  await blank.close();
  return rgba;
}

describe('Admin Portal navigation', () => {
  it("marks a sub-page's section as the current one", async () => {
    const { page, context } = await signedInToAdmin(env, 'admin@acme.test');
    expect(await current(page)).toEqual(['Users']);
    await page.goto(`${env.url}/admin/users/${louId}`);
    await page.getByRole('heading', { name: 'Lou Locked' }).waitFor();
    expect(await current(page)).toEqual(['Users']);
    const app = await context.request.post(`${env.url}/api/admin/apps`, { data: { name: 'Wiki', url: `${env.url}/healthz`, description: '', details: '' }, headers: { origin: env.url } });
    expect(app.status()).toBe(201);
    await page.goto(`${env.url}/admin/applications/bookmark/${(await app.json()).id}`);
    await page.getByRole('heading', { name: 'Wiki' }).first().waitFor();
    expect(await current(page)).toEqual(['Applications']);
    await page.getByRole('navigation').getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('heading', { name: 'Groups' }).waitFor();
    expect(await current(page)).toEqual(['Groups']);
    await context.close();
  });

  it("draws the navigation's edge down the whole of a long page", async () => {
    const { page, context } = await signedInToAdmin(env, 'admin@acme.test');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByText('member9@acme.test').waitFor();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeGreaterThan(2 * 720);
    const nav = (await page.getByRole('navigation').boundingBox())!;
    const edge = Math.round(nav.x + nav.width) - 1;
    // The whole page as it is laid out (as a full-page capture or a printout shows it), near its foot.
    const shot = await page.screenshot({ fullPage: true });
    const [r, g, b] = await pixelAt(page, shot, edge, height - 20);
    expect(r + g + b).toBeLessThan(3 * 240);
    await context.close();
  });
});
