import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, linkIn, PASSWORD, type E2E } from './support/environment.ts';
import { signInThroughPage } from './support/pages.ts';
import { seriousA11yViolations } from './support/axe.ts';

let env: E2E;
const NEW_PASSWORD = 'my-First-password-2026';

beforeAll(async () => {
  env = await startE2E();
  const acme = await env.seedOrg('Acme Corp', { lockout: { maxFailures: 2, durationMinutes: 0 } });
  await env.seedUser({ email: 'admin@acme.test', orgs: [acme], role: 'admin', firstName: 'Grace', lastName: 'Hopper' });
  await env.seedUser({ email: 'lou@acme.test', orgs: [acme], firstName: 'Lou', lastName: 'Locked' });
});
afterAll(() => env?.close());

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name }).click();
const userRow = (page: Page, email: string) => page.getByTestId('user-row').filter({ hasText: email });

async function act(page: Page, email: string, action: string) {
  await page.getByRole('button', { name: `Actions for ${email}` }).click();
  await page.getByRole('menuitem', { name: action }).click();
  await page.getByText('Saved').first().waitFor();
}

describe('Admin Portal', () => {
  it('invites, assigns an application through a group, suspends, unlocks, and changes the password policy', async () => {
    const admin = await env.newPage();
    const a = admin.page;
    await signInThroughPage(a, { url: `${env.url}/admin/login`, email: 'admin@acme.test', password: PASSWORD });
    await a.waitForURL(`${env.url}/admin`);

    // Invite through the console; the invitee accepts from the mail.
    const invite = a.getByRole('region', { name: 'Invite a user' });
    await invite.getByLabel(/^Email/).fill('nina@acme.test');
    await invite.getByLabel('First name').fill('Nina');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await a.getByText('Invitation sent to nina@acme.test.').waitFor();
    const mail = await env.waitForMail('nina@acme.test', /Acme Corp/);
    const nina = await env.newPage();
    await nina.page.goto(linkIn(mail, '/invite'));
    await nina.page.getByLabel(/^Password/).fill(NEW_PASSWORD);
    await nina.page.getByRole('button', { name: 'Continue' }).click();
    await nina.page.waitForURL(`${env.url}/`);

    // An application assigned to a group reaches the group's members.
    await nav(a, 'Groups');
    await a.getByLabel('Group name').fill('Engineering');
    await a.getByRole('button', { name: 'Create group' }).click();
    const group = a.getByRole('region', { name: 'Engineering' });
    await group.getByLabel('Add a member').click();
    await a.getByRole('option', { name: 'nina@acme.test' }).click();
    await group.getByRole('button', { name: 'Add', exact: true }).click();
    await group.getByText('nina@acme.test').waitFor();
    await nav(a, 'Applications');
    const form = a.getByRole('region', { name: 'New bookmark application' });
    await form.getByLabel(/^Name/).fill('Handbook');
    await form.getByLabel(/^URL/).fill(`${env.url}/healthz`);
    await form.getByRole('button', { name: 'Create application' }).click();
    const row = a.getByTestId('admin-app-row').filter({ hasText: 'Handbook' });
    await row.getByLabel('Assign Handbook to a group').click();
    await a.getByRole('option', { name: 'Engineering' }).click();
    await row.getByRole('button', { name: 'Assign' }).click();
    await a.getByText('Handbook was assigned.').waitFor();
    await nina.page.getByRole('navigation').getByRole('link', { name: 'Applications' }).click();
    await nina.page.getByTestId('app-tile').filter({ hasText: 'Handbook' }).waitFor();

    // Suspending signs the member out at once.
    await nav(a, 'Users');
    await userRow(a, 'nina@acme.test').waitFor();
    await act(a, 'nina@acme.test', 'Suspend');
    await userRow(a, 'nina@acme.test').getByText('Suspended').waitFor();
    expect((await nina.context.request.get(`${env.url}/api/session`)).status()).toBe(401);

    // A member locked out by failed attempts is unlocked by the administrator.
    const lou = await env.newPage();
    for (let i = 0; i < 2; i++) {
      await signInThroughPage(lou.page, { url: `${env.url}/login`, email: 'lou@acme.test', password: `wrong-${i}-password` });
      await lou.page.getByRole('alert').waitFor();
    }
    await a.reload();
    await userRow(a, 'lou@acme.test').getByText('Locked', { exact: true }).waitFor();
    await act(a, 'lou@acme.test', 'Unlock');
    await signInThroughPage(lou.page, { url: `${env.url}/login`, email: 'lou@acme.test', password: PASSWORD });
    await lou.page.waitForURL(`${env.url}/`);

    // A stricter password policy applies to the very next password change.
    await nav(a, 'Policies');
    await a.getByLabel('Minimum length').fill('24');
    await a.getByRole('button', { name: 'Save' }).click();
    await a.getByText('Saved').first().waitFor();
    await lou.page.getByRole('navigation').getByRole('link', { name: 'Security' }).click();
    const pw = lou.page.getByRole('region', { name: 'Password' });
    await pw.getByTestId('rule-minLength').getByText('At least 24 characters').waitFor();
    await pw.getByLabel(/^Current Password/).fill(PASSWORD);
    await pw.getByLabel(/^New password/).fill('only-twenty-chars!!!');
    await pw.getByLabel(/^Confirm password/).fill('only-twenty-chars!!!');
    await pw.getByRole('button', { name: 'Change password' }).click();
    await pw.getByRole('alert').waitFor();
    await pw.getByLabel(/^New password/).fill('now-this-is-twenty-four!');
    await pw.getByLabel(/^Confirm password/).fill('now-this-is-twenty-four!');
    await pw.getByRole('button', { name: 'Change password' }).click();
    await lou.page.getByText('Your password was changed.').waitFor();

    await nav(a, 'Audit log');
    await a.getByTestId('audit-row').filter({ hasText: 'policies.updated' }).waitFor();
    for (const p of [admin, nina, lou]) await p.context.close();
  });

  it('has no serious accessibility violations in any section', async () => {
    const { page, context } = await env.newPage({ bypassCSP: true });
    await signInThroughPage(page, { url: `${env.url}/admin/login`, email: 'admin@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/admin`);
    for (const section of ['Users', 'Groups', 'Applications', 'Policies', 'Audit log', 'API keys', 'E-mail']) {
      await nav(page, section);
      await page.getByRole('heading', { level: 1, name: section }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await seriousA11yViolations(page), section).toEqual([]);
    }
    await context.close();
  });

  it('invites a CSV of people with a report per row, and opens a member page', async () => {
    const { page, context } = await env.newPage();
    await signInThroughPage(page, { url: `${env.url}/admin/login`, email: 'admin@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/admin`);
    const bulk = page.getByRole('region', { name: 'Invite from a CSV file' });
    await bulk.locator('input[type=file]').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from('email,firstName\ncsv1@acme.test,Cleo\nnonsense,Bad\n') });
    await bulk.getByRole('button', { name: 'Send invitations' }).click();
    await bulk.getByText('1 invited, 1 not invited.').waitFor();
    expect(await bulk.getByTestId('bulk-row').count()).toBe(2);
    await env.waitForMail('csv1@acme.test', /Acme Corp/);

    await page.getByRole('link', { name: 'Lou Locked' }).click();
    await page.getByRole('heading', { name: 'Lou Locked' }).waitFor();
    await page.getByRole('region', { name: 'Recent events' }).getByText('sign_in').first().waitFor();
    await page.getByRole('button', { name: 'Make administrator' }).click();
    await page.getByRole('button', { name: 'Revoke administrator' }).waitFor();
    await context.close();
  });

  it("sets the organization's branding, which the login page shows", async () => {
    const { page, context } = await env.newPage();
    await signInThroughPage(page, { url: `${env.url}/admin/login`, email: 'admin@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/admin`);
    await nav(page, 'E-mail');
    const branding = page.getByRole('region', { name: 'Branding' });
    await branding.getByLabel('Name shown').fill('ACME Identity');
    await branding.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved').first().waitFor();
    const visitor = await env.newPage();
    await visitor.page.goto(`${env.url}/login`);
    await expect.poll(() => visitor.page.getByTestId('brand-name').textContent()).toBe('ACME Identity');
    await visitor.context.close();
    await context.close();
  });
});
