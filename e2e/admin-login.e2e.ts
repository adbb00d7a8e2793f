import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startE2E, PASSWORD, type E2E } from './support/environment.ts';
import { signInThroughPage } from './support/pages.ts';

let env: E2E;

beforeAll(async () => {
  env = await startE2E();
  const acme = await env.seedOrg('Acme Corp');
  await env.seedUser({ email: 'member@acme.test', orgs: [acme] });
  await env.seedUser({ email: 'admin@acme.test', orgs: [acme], role: 'admin', firstName: 'Grace', lastName: 'Hopper' });
});
afterAll(() => env?.close());

describe('Administrator Portal Login', () => {
  it('links between the user and administrator logins', async () => {
    const { page, context } = await env.newPage();
    await page.goto(`${env.url}/login`);
    await page.getByRole('link', { name: 'Administrator Portal Login' }).click();
    await page.waitForURL(/\/admin\/login/);
    await page.getByRole('heading', { name: 'Administrator Portal Login' }).waitFor();
    await page.getByRole('link', { name: 'User Portal Login' }).click();
    await page.waitForURL(/\/login$/);
    await context.close();
  });

  it('refuses a member who is not an administrator and opens no session', async () => {
    const { page, context } = await env.newPage();
    await signInThroughPage(page, { url: `${env.url}/admin/login`, email: 'member@acme.test', password: PASSWORD });
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not an administrator/i);
    expect((await context.request.get(`${env.url}/api/session`)).status()).toBe(401);
    // Signed in to the User Portal, the same member finds nothing to open under /admin.
    await signInThroughPage(page, { url: `${env.url}/login`, email: 'member@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/`);
    await page.goto(`${env.url}/admin`);
    await page.getByRole('alert').getByText(/not an administrator/i).waitFor();
    expect(await page.getByRole('navigation').getByRole('link').count()).toBe(0);
    await context.close();
  });

  it('lets an administrator into the Administrator Portal', async () => {
    const { page, context } = await env.newPage();
    await signInThroughPage(page, { url: `${env.url}/admin/login`, email: 'admin@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/admin`);
    await page.getByText('Administrator Portal').first().waitFor();
    expect(await page.getByRole('button', { name: 'Account menu' }).textContent()).toContain('GH');
    await context.close();
  });
});
