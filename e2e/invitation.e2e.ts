import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startE2E, linkIn, PASSWORD, type E2E } from './support/environment.ts';
import { signInThroughPage } from './support/pages.ts';
import { seriousA11yViolations } from './support/axe.ts';

let env: E2E;
let acme: Awaited<ReturnType<E2E['seedOrg']>>;
const NEW_PASSWORD = 'my-First-password-2026';

beforeAll(async () => {
  env = await startE2E();
  acme = await env.seedOrg('Acme Corp', { password: { minLength: 14, requireDigit: true } });
  await env.seedUser({ email: 'admin@acme.test', orgs: [acme], role: 'admin' });
});
afterAll(() => env?.close());

describe('invitation → account creation → sign-in → log out', () => {
  it('walks the whole first day of a new member', async () => {
    // The administrator invites through the admin API (the console comes with the Admin Portal issue).
    const admin = await env.newPage();
    await signInThroughPage(admin.page, { url: `${env.url}/admin/login`, email: 'admin@acme.test', password: PASSWORD });
    await admin.page.waitForURL(`${env.url}/admin`);
    const invited = await admin.context.request.post(`${env.url}/api/admin/invitations`, {
      data: { email: 'nora@acme.test', firstName: 'Nora', lastName: 'Quinn' },
      headers: { origin: env.url },
    });
    expect(invited.status()).toBe(201);

    const mail = await env.waitForMail('nora@acme.test', /Acme Corp/);
    const link = linkIn(mail, '/invite');

    const { page, context } = await env.newPage();
    await page.goto(link);
    const email = page.getByLabel(/^Email/);
    await expect.poll(() => email.inputValue()).toBe('nora@acme.test');
    expect(await email.isEditable()).toBe(false);
    expect(page.url()).toBe(`${env.url}/invite`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The requirements are listed and ticked as the person types.
    const lengthRule = page.getByText('At least 14 characters');
    await lengthRule.waitFor();
    const password = page.getByLabel(/^Password/);
    await password.fill('short1');
    const unticked = await page.getByTestId('rule-minLength').getAttribute('data-ok');
    await password.fill(NEW_PASSWORD);
    await expect.poll(() => page.getByTestId('rule-minLength').getAttribute('data-ok')).toBe('true');
    expect(unticked).toBe('false');
    await expect.poll(() => page.getByTestId('rule-digit').getAttribute('data-ok')).toBe('true');

    // The server refuses a common one; what it said goes once the password is edited.
    await password.fill('password12345678');
    await page.getByRole('button', { name: 'Continue' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'The password does not meet the requirements.' });
    await refusal.waitFor();
    await password.fill(NEW_PASSWORD);
    await refusal.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${env.url}/`);
    await page.getByText(/Welcome, Nora/).waitFor();
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);

    await signInThroughPage(page, { email: 'nora@acme.test', password: NEW_PASSWORD });
    await page.waitForURL(`${env.url}/`);

    // The link was single-use.
    const reuse = await context.newPage();
    await reuse.goto(link);
    await reuse.getByText(/not valid/i).waitFor();
    await context.close();
    await admin.context.close();
  });

  it('lets a person removed from their only organization join again from a new invitation, then sign in', async () => {
    const person = await env.seedUser({ email: 'olga@acme.test', orgs: [acme] });
    const admin = await env.newPage();
    await signInThroughPage(admin.page, { url: `${env.url}/admin/login`, email: 'admin@acme.test', password: PASSWORD });
    await admin.page.waitForURL(`${env.url}/admin`);
    const headers = { origin: env.url };
    expect((await admin.context.request.delete(`${env.url}/api/admin/users/${person.id}`, { data: {}, headers })).status()).toBe(204);
    expect((await admin.context.request.post(`${env.url}/api/admin/invitations`, { data: { email: 'olga@acme.test' }, headers })).status()).toBe(201);
    const link = linkIn(await env.waitForMail('olga@acme.test', /Acme Corp/), '/invite');

    const { page, context } = await env.newPage();
    await page.goto(link);
    await page.getByText('You already have a Tessera account. Join Acme Corp, then sign in with your password.').waitFor();
    await page.getByRole('button', { name: 'Join Acme Corp' }).click();
    await page.getByText('You joined the organization. Sign in with your password to continue.').waitFor();
    await signInThroughPage(page, { email: 'olga@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/`);
    await page.getByTestId('org-name').filter({ hasText: 'Acme Corp' }).waitFor();
    await context.close();
    await admin.context.close();
  });
});
