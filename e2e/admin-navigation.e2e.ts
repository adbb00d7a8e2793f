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
});
afterAll(() => env?.close());

/** The names of the navigation's entries marked as the page the administrator is on. */
const current = (page: Page) => page.getByRole('navigation').locator('a[aria-current="page"]').allTextContents();

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
});
