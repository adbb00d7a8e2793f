import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startE2E, linkIn, PASSWORD, type E2E } from './support/environment.ts';
import { expectLimitSaidAtField, expectNotificationClearOfHeader, signedInToAdmin, signInThroughPage } from './support/pages.ts';
import { seriousA11yViolations } from './support/axe.ts';
import { and, eq, inArray } from 'drizzle-orm';
import { apiKeys, apps, auditEvents, memberships } from '../server/src/db/schema/index.ts';
import { findOrgById, updateOrgPolicies } from '../server/src/domain/orgs/org-store.ts';
import { parseOrgPolicies } from '../server/src/domain/policies/org-policies.ts';

let env: E2E;
let acmeId: string;
let acmeOrg: Awaited<ReturnType<E2E['seedOrg']>>;
let acme: Awaited<ReturnType<E2E['seedOrg']>>;
let louId: string;
const NEW_PASSWORD = 'my-First-password-2026';

beforeAll(async () => {
  env = await startE2E();
  acme = await env.seedOrg('Acme Corp', { lockout: { maxFailures: 2, durationMinutes: 0 } });
  await env.seedUser({ email: 'admin@acme.test', orgs: [acme], role: 'admin', firstName: 'Grace', lastName: 'Hopper' });
  acmeId = acme.id;
  acmeOrg = acme;
  louId = (await env.seedUser({ email: 'lou@acme.test', orgs: [acme], firstName: 'Lou', lastName: 'Locked' })).id;
  // Has an account already (one organization only, so the login page keeps Acme's branding): "Create user" invites them instead.
  await env.seedUser({ email: 'kim@elsewhere.test', orgs: [] });
});
afterAll(() => env?.close());

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name }).click();
const userRow = (page: Page, email: string) => page.getByTestId('user-row').filter({ hasText: email });
/** The Users list narrowed to the people invited whose address holds `search`. */
async function showInvited(page: Page, search: string) {
  await page.getByRole('textbox', { name: 'Search users' }).fill(search);
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Invited' }).click();
}
/** Adds Lou to the group whose card is `card`, picked by name in its "Add a member" picker. */
async function addLou(page: Page, card: Locator) {
  await card.getByLabel('Add a member').fill('lou');
  await page.getByRole('option', { name: 'Lou Locked <lou@acme.test>' }).click();
  await card.getByRole('button', { name: 'Add', exact: true }).click();
  await card.getByRole('button', { name: 'lou@acme.test, remove from the group' }).waitFor();
}
/** The id of a group shown on the Groups page, from its card's heading. */
const groupId = async (page: Page, name: string) => (await page.getByRole('heading', { name, exact: true }).getAttribute('id'))!.replace(/^group-/, '');

/** A member's action from the row's menu; `confirm` answers the question an action that cuts the member off asks first. */
async function act(page: Page, email: string, action: string, confirm?: 'accept' | 'dismiss') {
  let asked = '';
  if (confirm) page.once('dialog', (d) => void ((asked = d.message()), confirm === 'accept' ? d.accept() : d.dismiss()));
  await page.getByRole('button', { name: `Actions for ${email}` }).click();
  await page.getByRole('menuitem', { name: action }).click();
  if (confirm) expect(asked).toContain(email);
  if (confirm !== 'dismiss') await page.getByText('Saved').first().waitFor();
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

    // Inviting a pending address again says the earlier link stops working, and keeps the name given then.
    await invite.getByLabel(/^Email/).fill('pat@acme.test');
    await invite.getByLabel('First name').fill('Pat');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await a.getByText('Invitation sent to pat@acme.test.').waitFor();
    await invite.getByLabel(/^Email/).fill('pat@acme.test');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await a.getByText('A new invitation was sent to pat@acme.test. The link of the earlier one no longer works.').waitFor();
    await showInvited(a, 'pat@');
    await userRow(a, 'pat@acme.test').getByRole('cell', { name: 'Pat', exact: true }).waitFor();
    await a.getByRole('textbox', { name: 'Search users' }).fill('');

    // An application assigned to a group reaches the group's members.
    await nav(a, 'Groups');
    await a.getByLabel('Group name').fill('Engineering');
    await a.getByRole('button', { name: 'Create group' }).click();
    const group = a.getByRole('region', { name: 'Engineering' });
    await group.getByLabel('Add a member').click();
    await a.getByRole('option', { name: 'nina@acme.test' }).click();
    await group.getByRole('button', { name: 'Add', exact: true }).click();
    // The member's button is named by what it shows first (WCAG 2.5.3), then what it does.
    await group.getByRole('button', { name: 'nina@acme.test, remove from the group' }).waitFor();
    // A name taken, and a name of spaces only, are refused and say why.
    await a.getByLabel('Group name').fill('engineering');
    await a.getByRole('button', { name: 'Create group' }).click();
    await a.getByRole('alert').getByText('Another group already has this name.').waitFor();
    await a.getByLabel('Group name').fill('   ');
    await a.getByRole('button', { name: 'Create group' }).click();
    await a.getByText('This value is too short.').waitFor();
    // A zero-width space would make a second "Engineering" that reads like the first.
    await a.getByLabel('Group name').fill('Engineering\u200B');
    await a.getByRole('button', { name: 'Create group' }).click();
    await a.getByText('This contains invisible characters, such as a zero-width space.', { exact: false }).waitFor();
    await a.getByLabel('Group name').fill('');
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
    // A second application of that name would be a second tile nobody can tell apart: refused.
    await form.getByLabel(/^Name/).fill('handbook');
    await form.getByLabel(/^URL/).fill(`${env.url}/other`);
    await form.getByRole('button', { name: 'Create application' }).click();
    await form.getByText('Another application already has this name.').waitFor();
    expect(await a.getByTestId('admin-app-row').filter({ hasText: /handbook/i }).count()).toBe(1);
    await nina.page.getByRole('navigation').getByRole('link', { name: 'Applications' }).click();
    await nina.page.getByTestId('app-tile').filter({ hasText: 'Handbook' }).waitFor();

    // Suspending signs the member out at once, so it is asked first: said no to, nothing happens.
    await nav(a, 'Users');
    await userRow(a, 'nina@acme.test').waitFor();
    await act(a, 'nina@acme.test', 'Suspend', 'dismiss');
    expect((await nina.context.request.get(`${env.url}/api/session`)).status()).toBe(200);
    await act(a, 'nina@acme.test', 'Suspend', 'accept');
    await userRow(a, 'nina@acme.test').getByText('Suspended').waitFor();
    expect((await nina.context.request.get(`${env.url}/api/session`)).status()).toBe(401);
    // A refused row action is told where the administrator is, at the foot of the list, not above the page.
    a.once('dialog', (d) => void d.accept());
    await a.getByRole('button', { name: 'Actions for admin@acme.test' }).click();
    await a.getByRole('menuitem', { name: 'Suspend' }).click();
    const refusal = a.locator('.mantine-Notifications-root').getByRole('alert').filter({ hasText: 'at least one administrator' });
    await refusal.waitFor();
    expect((await refusal.boundingBox())!.y).toBeGreaterThanOrEqual(0);
    expect(await a.getByRole('main').getByRole('alert').count()).toBe(0);
    await refusal.getByRole('button').click();

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
    // Out of range, Save takes the administrator to the field that says so (it may be out of view).
    await a.getByLabel('Minimum length').fill('3');
    await a.getByRole('button', { name: 'Save' }).click();
    await a.getByText('Enter a whole number from 8 to 128.').waitFor();
    expect(await a.getByLabel('Minimum length').evaluate((el) => el === document.activeElement)).toBe(true);
    await a.getByLabel('Minimum length').fill('24');
    await a.getByRole('button', { name: 'Save' }).click();
    await a.getByText('Saved').first().waitFor();
    await lou.page.getByRole('navigation').getByRole('link', { name: 'Security' }).click();
    const pw = lou.page.getByRole('region', { name: 'Password' });
    await pw.getByTestId('rule-minLength').getByText('At least 24 characters').waitFor();
    await pw.getByLabel(/^Current Password/).fill(PASSWORD);
    await pw.getByLabel(/^New password/).fill('only-twenty-chars!!!');
    await pw.getByLabel(/^Confirm password/).fill('only-twenty-chars!!!');
    await pw.getByRole('button', { name: 'Reset Password' }).click();
    await pw.getByRole('alert').waitFor();
    await pw.getByLabel(/^New password/).fill('now-this-is-twenty-four!');
    await pw.getByLabel(/^Confirm password/).fill('now-this-is-twenty-four!');
    // Signed out here too: the login page says why.
    await pw.getByLabel('Keep me signed in here (other sessions end)').uncheck();
    await pw.getByRole('button', { name: 'Reset Password' }).click();
    await lou.page.waitForURL(`${env.url}/login?notice=password_changed`);
    await lou.page.getByRole('status').getByText('Your password was changed. Sign in with the new one.').waitFor();

    // An administrator can require a new one; the list says so until it is set.
    await nav(a, 'Users');
    await act(a, 'lou@acme.test', 'Require a new password');
    await userRow(a, 'lou@acme.test').getByText('New password due').waitFor();
    await a.getByRole('combobox', { name: 'Status' }).click();
    await a.getByRole('option', { name: 'New password due' }).click();
    await expect.poll(() => a.getByTestId('user-row').allInnerTexts()).toEqual([expect.stringContaining('lou@acme.test')]);
    await a.getByRole('combobox', { name: 'Status' }).click();
    await a.getByRole('option', { name: 'New password due' }).click();

    await nav(a, 'Audit log');
    await a.getByTestId('audit-row').filter({ hasText: 'policies.updated' }).waitFor();
    for (const p of [admin, nina, lou]) await p.context.close();
  });

  // Runs while admin@acme.test is the only administrator (a later journey promotes Lou).
  it('creates a user, grants and revokes administrator, edits and deletes a bookmark, and removes an assignment', async () => {
    const { page: a, context } = await signedInToAdmin(env, 'admin@acme.test');

    // A user created with a password meeting the policy (24 characters since the journey above).
    const create = a.getByRole('region', { name: 'Create a user' });
    await create.getByLabel(/^Email/).fill('omar@acme.test');
    await create.getByLabel('First name').fill('Omar');
    await create.getByLabel('Set a password now').check();
    // The person's own address in it is refused, said of the person, not of the administrator typing.
    await create.getByTestId('rule-server').getByText("Not the person's e-mail address or username").waitFor();
    await create.getByLabel(/^Password/).fill('Omar-first-password-2026-long');
    await create.getByRole('button', { name: 'Create user' }).click();
    await create.getByText("This password contains the person's e-mail address or username.").waitFor();
    await create.getByLabel(/^Password/).fill('Nile-first-password-2026-long');
    await create.getByTestId('rule-minLength').and(create.locator('[data-ok=true]')).waitFor();
    await create.getByRole('button', { name: 'Create user' }).click();
    await a.getByText('omar@acme.test was created.').waitFor();
    await userRow(a, 'omar@acme.test').waitFor();
    // An address that already has an account is invited, and the page says so until dismissed.
    await create.getByLabel(/^Email/).fill('kim@elsewhere.test');
    await create.getByRole('button', { name: 'Create user' }).click();
    await create.getByRole('status').filter({ hasText: 'An invitation was sent instead' }).getByText(/kim@elsewhere\.test already has a Tessera account/).waitFor();

    // Administrators: grant the role to Omar, revoke it, and the last administrator stays.
    await nav(a, 'Administrators');
    const adminRow = (email: string) => a.getByTestId('admin-row').filter({ hasText: email });
    await adminRow('admin@acme.test').waitFor();
    await a.getByRole('combobox', { name: 'Member' }).fill('omar');
    await a.getByRole('option', { name: /omar@acme\.test/ }).click();
    // Either way is asked first, naming the person: said no to, nothing changes and the pick stays.
    const answer = (reply: 'accept' | 'dismiss') => new Promise<string>((resolve) => a.once('dialog', (d) => void (resolve(d.message()), reply === 'accept' ? d.accept() : d.dismiss())));
    let asked = answer('dismiss');
    await a.getByRole('button', { name: 'Make administrator' }).click();
    expect(await asked).toContain('Make omar@acme.test an administrator?');
    expect(await adminRow('omar@acme.test').count()).toBe(0);
    asked = answer('accept');
    await a.getByRole('button', { name: 'Make administrator' }).click();
    await asked;
    await adminRow('omar@acme.test').waitFor();
    asked = answer('dismiss');
    await a.getByRole('button', { name: 'Revoke the administrator role of omar@acme.test' }).click();
    expect(await asked).toBe('Revoke the administrator role of omar@acme.test? They lose access to the Administrator Portal at once.');
    expect(await adminRow('omar@acme.test').count()).toBe(1);
    asked = answer('accept');
    await a.getByRole('button', { name: 'Revoke the administrator role of omar@acme.test' }).click();
    await asked;
    await adminRow('omar@acme.test').waitFor({ state: 'detached' });
    a.once('dialog', (d) => void d.accept());
    await a.getByRole('button', { name: 'Revoke the administrator role of admin@acme.test' }).click();
    await a.getByRole('alert').getByText('An organization always keeps at least one administrator.', { exact: false }).waitFor();
    expect(await adminRow('admin@acme.test').count()).toBe(1);

    // A bookmark: assigned to a group, then edited, the assignment removed, and deleted.
    await nav(a, 'Applications');
    const form = a.getByRole('region', { name: 'New bookmark application' });
    await form.getByLabel(/^Name/).fill('Wiki');
    await form.getByLabel(/^URL/).fill(`${env.url}/healthz`);
    await form.getByRole('button', { name: 'Create application' }).click();
    const row = a.getByTestId('admin-app-row').filter({ hasText: 'Wiki' });
    await row.getByLabel('Assign Wiki to a group').click();
    await a.getByRole('option', { name: 'Engineering' }).click();
    await row.getByRole('button', { name: 'Assign' }).click();
    await a.getByText('Wiki was assigned.').waitFor();
    await a.getByRole('link', { name: 'Wiki, settings' }).click();
    await a.getByRole('heading', { level: 1, name: 'Wiki' }).waitFor();
    const settings = a.getByRole('region', { name: 'Settings' });
    await settings.getByLabel(/^Name/).fill('Team wiki');
    await settings.getByLabel(/^Description/).fill('What we know');
    await settings.getByRole('button', { name: 'Save' }).click();
    await a.getByRole('heading', { level: 1, name: 'Team wiki' }).waitFor();
    const assigned = a.getByRole('region', { name: 'Assigned to' });
    await assigned.getByTestId('assignment-row').filter({ hasText: 'Engineering' }).waitFor();
    expect(await seriousA11yViolations(a), 'bookmark page').toEqual([]);
    await assigned.getByRole('button', { name: 'Remove access for Engineering' }).click();
    await assigned.getByText('Not assigned to anyone yet.', { exact: false }).waitFor();
    // One person, found by typing part of their name, gets it directly.
    await assigned.getByRole('combobox', { name: 'Assign to a person' }).fill('omar');
    await a.getByRole('option', { name: 'omar@acme.test' }).click();
    await assigned.getByRole('button', { name: 'Assign' }).first().click();
    await assigned.getByTestId('assignment-row').filter({ hasText: 'omar@acme.test' }).getByText('Person').waitFor();
    await assigned.getByRole('button', { name: 'Remove access for Omar' }).click();
    await assigned.getByText('Not assigned to anyone yet.', { exact: false }).waitFor();
    a.once('dialog', (d) => void d.accept());
    await a.getByRole('button', { name: 'Delete application' }).click();
    await a.waitForURL(`${env.url}/admin/applications`);
    await a.getByText('Team wiki was deleted.').waitFor();
    await a.getByTestId('admin-app-row').filter({ hasText: 'Handbook' }).waitFor();
    expect(await a.getByTestId('admin-app-row').filter({ hasText: 'Team wiki' }).count()).toBe(0);

    // Password expiry reminders are typed as a list of days.
    await nav(a, 'Policies');
    await a.getByLabel('Reminder e-mails, days before expiry').fill('30, 7');
    await a.getByLabel('“Remember me” duration (days)').fill('14');
    await a.getByRole('button', { name: 'Save' }).click();
    await a.getByText('Saved').first().waitFor();
    await a.reload();
    await expect.poll(() => a.getByLabel('Reminder e-mails, days before expiry').inputValue()).toBe('30, 7');
    expect(await a.getByLabel('“Remember me” duration (days)').inputValue()).toBe('14');
    await context.close();
  });

  it('has no serious accessibility violations in any section', async () => {
    const { page, context } = await env.newPage({ bypassCSP: true });
    await signInThroughPage(page, { url: `${env.url}/admin/login`, email: 'admin@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/admin`);
    for (const section of ['Users', 'Groups', 'Administrators', 'Applications', 'Policies', 'Audit log', 'API keys', 'Branding and e-mail']) {
      await nav(page, section);
      await page.getByRole('heading', { level: 1, name: section }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await seriousA11yViolations(page), section).toEqual([]);
    }
    // The test e-mail is confirmed on the page and really leaves over SMTP.
    await page.getByRole('button', { name: 'Send a test e-mail' }).click();
    await page.getByText('A test e-mail is on its way to admin@acme.test.').waitFor();
    await expect.poll(() => env.mails.some((m) => m.to.includes('admin@acme.test') && /test/i.test(m.subject))).toBe(true);
    await context.close();
  });

  it('keeps the header on one line on a phone: the account menu stays inside it, above the page', async () => {
    const { page, context } = await signedInToAdmin(env, 'admin@acme.test');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${env.url}/admin/applications`);
    await page.getByRole('heading', { level: 1, name: 'Applications' }).waitFor();
    const header = (await page.getByRole('banner').boundingBox())!;
    const account = (await page.getByRole('button', { name: /Account menu/ }).boundingBox())!;
    expect(account.y).toBeGreaterThanOrEqual(header.y);
    expect(account.y + account.height).toBeLessThanOrEqual(header.y + header.height);
    expect(account.x + account.width).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('fits the invite form and a long group name on a phone', async () => {
    const { page, context } = await signedInToAdmin(env, 'admin@acme.test');
    const longName = 'Département-Recherche-et-Développement-Île-de-France-Équipe-Infrastructure-et-Sécurité-Nord';
    expect((await context.request.post(`${env.url}/api/admin/groups`, { data: { name: longName }, headers: { origin: env.url } })).status()).toBe(201);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${env.url}/admin`);
    const invite = page.getByRole('region', { name: 'Invite a user' });
    const email = (await invite.getByLabel(/^Email/).boundingBox())!;
    const first = (await invite.getByLabel(/^First name/).boundingBox())!;
    // One field above another, each wide enough to read what was typed.
    expect(email.width).toBeGreaterThan(250);
    expect(first.y).toBeGreaterThan(email.y + email.height - 1);
    await page.goto(`${env.url}/admin/groups`);
    const card = page.getByRole('region', { name: longName });
    const title = (await card.getByRole('heading', { name: longName }).boundingBox())!;
    const box = (await card.boundingBox())!;
    expect(title.x + title.width).toBeLessThanOrEqual(box.x + box.width);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await context.close();
  });

  it("offers members by name in a group's picker, and who is in the group already without offering them again", async () => {
    const { page, context } = await signedInToAdmin(env, 'admin@acme.test');
    expect((await context.request.post(`${env.url}/api/admin/groups`, { data: { name: 'Support' }, headers: { origin: env.url } })).status()).toBe(201);
    await page.goto(`${env.url}/admin/groups`);
    const support = page.getByRole('region', { name: 'Support', exact: true });
    await addLou(page, support);
    await support.getByLabel('Add a member').fill('lou');
    const already = page.getByRole('option', { name: 'Lou Locked <lou@acme.test> (already in the group)' });
    expect(await already.getAttribute('aria-disabled')).toBe('true');
    await context.close();
  });

  it("renames a group in its card, says who was removed, and drops a card's refusal once something else is done", async () => {
    const { page, context } = await signedInToAdmin(env, 'admin@acme.test');
    for (const name of ['Sales', 'Marketing']) expect((await context.request.post(`${env.url}/api/admin/groups`, { data: { name }, headers: { origin: env.url } })).status()).toBe(201);
    await page.goto(`${env.url}/admin/groups`);
    const marketing = page.getByRole('region', { name: 'Marketing', exact: true });
    const sales = page.getByRole('region', { name: 'Sales', exact: true });
    // Removed meanwhile elsewhere: the card says so, until the administrator gets something else done.
    await addLou(page, marketing);
    expect((await context.request.delete(`${env.url}/api/admin/groups/${await groupId(page, 'Marketing')}/members/${louId}`, { data: {}, headers: { origin: env.url } })).status()).toBe(204);
    await marketing.getByRole('button', { name: 'lou@acme.test, remove from the group' }).click();
    const stale = marketing.getByRole('alert').filter({ hasText: 'This user is not in the organization (any more).' });
    await stale.waitFor();
    await addLou(page, sales);
    await stale.waitFor({ state: 'detached' });
    // Removing says whom it removed, as adding says it saved.
    await sales.getByRole('button', { name: 'lou@acme.test, remove from the group' }).click();
    await page.getByText('lou@acme.test is no longer in Sales.').waitFor();
    await sales.getByText('No members yet.').waitFor();

    // Renamed in a form of the card, not a browser prompt: a refused name is said at the field, gone once edited.
    await sales.getByRole('button', { name: 'Rename' }).click();
    const newName = sales.getByLabel('New name');
    expect(await newName.inputValue()).toBe('Sales');
    await newName.fill('   ');
    await sales.getByRole('button', { name: 'Save' }).click();
    await sales.getByText('This value is too short.').waitFor();
    expect(await newName.getAttribute('aria-invalid')).toBe('true');
    // The field stops at 100 characters; past it (a script, a browser without maxlength), the server's limit is said there too.
    await newName.evaluate((input) => input.removeAttribute('maxlength'));
    await expectLimitSaidAtField(sales, newName, sales.getByRole('button', { name: 'Save' }), 'Marketing');
    expect(await newName.getAttribute('aria-invalid')).toBeNull();
    await sales.getByRole('button', { name: 'Save' }).click();
    await sales.getByRole('alert').getByText('Another group already has this name.').waitFor();
    await newName.fill('Sales team');
    await sales.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Sales team' }).waitFor();
    expect(await page.getByLabel('New name').count()).toBe(0);
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
    // The bad row by its line in the file (the header is line 1), as the spreadsheet numbers it.
    expect(await bulk.getByTestId('bulk-row').nth(1).locator('td').first().textContent()).toBe('3');
    await env.waitForMail('csv1@acme.test', /Acme Corp/);

    await page.getByRole('link', { name: 'Lou Locked' }).click();
    await page.getByRole('heading', { name: 'Lou Locked' }).waitFor();
    const recent = page.getByRole('region', { name: 'Recent events' });
    await recent.getByText('sign_in').first().waitFor();
    // In words too, over the code.
    await recent.getByText(/^(Signed in|Confirmed a sign-in)/).first().waitFor();
    // Granting the role is asked first; taking it back is not.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Make administrator' }).click();
    await page.getByRole('button', { name: 'Revoke administrator' }).click();
    await page.getByRole('button', { name: 'Make administrator' }).waitFor();
    await context.close();
  });

  it('filters the audit log by who acted and by time, and loads older events page by page', async () => {
    // Sixty events by Lou a day ago: more than one page (50), in a time window nothing else falls in.
    const minute = Math.floor((Date.now() - 86_400_000) / 60_000) * 60_000;
    await env.tessera.database.db.insert(auditEvents).values(Array.from({ length: 60 }, (_, i) => ({ orgId: acmeId, actorUserId: louId, event: 'test.seeded', outcome: 'success' as const, at: new Date(minute + i * 500) })));
    const local = (ms: number) => { const d = new Date(ms); const p = (n: number) => String(n).padStart(2, '0'); return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`; };
    const { page, context } = await env.newPage();
    await signInThroughPage(page, { url: `${env.url}/admin/login`, email: 'admin@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/admin`);
    await nav(page, 'Audit log');
    await page.getByRole('combobox', { name: 'Done by' }).fill('lou@');
    await page.getByRole('option', { name: 'lou@acme.test' }).click();
    await page.getByLabel('From', { exact: true }).fill(local(minute - 60_000));
    await page.getByLabel('Until', { exact: true }).fill(local(minute + 120_000));
    const rows = page.getByTestId('audit-row');
    await expect.poll(() => rows.count()).toBe(50);
    expect(await rows.filter({ hasNotText: 'test.seeded' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows.count()).toBe(60);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toContain(`actor=${louId}`);
    // Each row names who acted; a window that ends before it starts says so.
    expect(await rows.first().textContent()).toContain('lou@acme.test');
    await page.getByLabel('Until', { exact: true }).fill(local(minute - 120_000));
    await page.getByText('Until comes before From.').waitFor();
    await context.close();
  });

  it('says what each audit event was in the reader\'s language, its code beside it for the Event filter', async () => {
    await env.tessera.database.db.insert(auditEvents).values([
      { orgId: acmeId, targetUserId: louId, event: 'sign_in.password', outcome: 'failure', details: { reason: 'password' } },
      // From a newer server, say: shown as its code rather than as nothing.
      { orgId: acmeId, targetUserId: louId, event: 'test.unknown_to_the_web', outcome: 'success' },
    ]);
    const { page, context } = await signedInToAdmin(env, 'admin@acme.test');
    await nav(page, 'Audit log');
    const rows = page.getByTestId('audit-row');
    await rows.filter({ hasText: 'test.unknown_to_the_web' }).waitFor();
    await page.getByRole('textbox', { name: 'Event' }).fill('sign_in.password');
    await expect.poll(() => rows.filter({ hasNotText: 'sign_in.password' }).count()).toBe(0);
    await rows.first().getByText('Signed in with a password', { exact: true }).waitFor();
    await rows.first().getByText('sign_in.password', { exact: true }).waitFor();

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Français' }).click();
    await rows.first().getByText('Connexion par mot de passe', { exact: true }).waitFor();
    await rows.first().getByText('sign_in.password', { exact: true }).waitFor();
    // The choice is saved as the administrator's own: later journeys expect English.
    await page.getByRole('button', { name: /Menu du compte/ }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(async () => (await context.request.get(`${env.url}/api/session`)).json().then((s) => s.user.language)).toBe('en');
    await context.close();
  });

  it('finds a former member by who acted, to see what they did before they left', async () => {
    const db = env.tessera.database.db;
    const former = await env.seedUser({ email: 'former@acme.test', orgs: [acmeOrg], firstName: 'Fern', lastName: 'Former' });
    await db.insert(auditEvents).values([
      { orgId: acmeId, actorUserId: former.id, event: 'test.before_leaving', outcome: 'success' },
      // What another organization's administrator did to this person: told, without saying who.
      { orgId: acmeId, targetUserId: former.id, event: 'test.from_elsewhere', outcome: 'success', details: { by: 'another_organization' } },
    ]);
    await db.delete(memberships).where(and(eq(memberships.orgId, acmeId), eq(memberships.userId, former.id)));
    const { page, context } = await signedInToAdmin(env, 'admin@acme.test');
    await nav(page, 'Audit log');
    await page.getByRole('combobox', { name: 'Done by' }).fill('former@');
    await page.getByRole('option', { name: 'former@acme.test' }).click();
    await page.getByTestId('audit-row').filter({ hasText: 'test.before_leaving' }).waitFor();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(1);
    await page.reload();
    await page.getByRole('combobox', { name: 'Concerning' }).fill('former@');
    await page.getByRole('option', { name: 'former@acme.test' }).click();
    await page.getByTestId('audit-row').filter({ hasText: 'test.from_elsewhere' }).getByText('An administrator of another organization').waitFor();
    await context.close();
  });

  it('keeps what an administrator typed on the Policies page when a fresher answer lands meanwhile', async () => {
    const { page, context } = await env.newPage();
    await signInThroughPage(page, { url: `${env.url}/admin/login`, email: 'admin@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/admin`);
    await nav(page, 'Policies');
    const reminders = page.getByLabel('Reminder e-mails, days before expiry');
    await reminders.waitFor();
    await nav(page, 'Branding and e-mail');
    // Back on Policies, the page shows what it had at once and asks again; that answer is held back
    // while another administrator changes a policy and this one types.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/admin/policies', async (route) => (route.request().method() === 'GET' && (await held), route.continue()));
    await nav(page, 'Policies');
    await reminders.fill('21, 3');
    const db = env.tessera.database.db;
    const current = parseOrgPolicies((await findOrgById(db, acme.id))!.policies);
    await updateOrgPolicies(db, acme.id, { ...current, lockout: { ...current.lockout, maxFailures: current.lockout.maxFailures + 1 } });
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/admin/policies') && r.request().method() === 'GET');
    release();
    await answered;
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved').first().waitFor();
    await page.unroute('**/api/admin/policies');
    // The save sent what this administrator changed, not the whole form: the other's change stands.
    expect(parseOrgPolicies((await findOrgById(db, acme.id))!.policies).lockout.maxFailures).toBe(current.lockout.maxFailures + 1);
    await page.reload();
    await expect.poll(() => reminders.inputValue()).toBe('21, 3');
    expect(await page.getByLabel('Failed attempts before lockout').inputValue()).toBe(String(current.lockout.maxFailures + 1));

    // A number out of range, or a field cleared, stays as typed, says so, and nothing is saved.
    const minLength = page.getByLabel('Minimum length');
    const before = await minLength.inputValue();
    await minLength.fill('3');
    await page.getByLabel('Reminder e-mails, days before expiry').click();
    expect(await minLength.inputValue()).toBe('3');
    await page.getByText('Enter a whole number from 8 to 128.').waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await minLength.fill('');
    await page.getByText('Enter a whole number from 8 to 128.').waitFor();
    await page.reload();
    await expect.poll(() => minLength.inputValue()).toBe(before);
    await context.close();
  });

  it("sets the organization's branding, which the login page shows", async () => {
    const { page, context } = await env.newPage();
    await signInThroughPage(page, { url: `${env.url}/admin/login`, email: 'admin@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/admin`);
    await nav(page, 'Branding and e-mail');
    // The outbox is a titled table whose columns say what they hold.
    await page.getByRole('table', { name: 'Outbox' }).getByRole('columnheader', { name: 'Recipient' }).waitFor();
    const branding = page.getByRole('region', { name: 'Branding' });
    // A text file named .png is no logo: said at the field, which gets the focus; removing it takes that back.
    await branding.locator('input[type=file]').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('this is not an image at all') });
    await branding.getByRole('button', { name: 'Save' }).click();
    await branding.getByText('Choose a PNG, JPEG or WebP image of at most 100 KB.').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    await branding.getByRole('button', { name: 'Remove' }).click();
    expect(await branding.getByText('Choose a PNG, JPEG or WebP image of at most 100 KB.').count()).toBe(0);
    await branding.getByLabel('Name shown').fill('ACME Identity');
    await branding.getByLabel('Accent colour').fill('#c2185b');
    await branding.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved').first().waitFor();
    await expectNotificationClearOfHeader(page, 'Saved');
    const visitor = await env.newPage();
    await visitor.page.goto(`${env.url}/login`);
    await expect.poll(() => visitor.page.getByTestId('brand-name').textContent()).toBe('ACME Identity');
    // The login page wears the accent colour (its Continue button here).
    const continueColour = () => visitor.page.getByRole('button', { name: 'Continue' }).evaluate((el) => getComputedStyle(el).backgroundColor);
    await expect.poll(continueColour).toBe('rgb(194, 24, 91)');
    await visitor.context.close();
    await context.close();
  });
  it('shows the branding form only once the branding is read, with what was saved', async () => {
    const { page, context } = await env.newPage();
    await signInThroughPage(page, { url: `${env.url}/admin/login`, email: 'admin@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/admin`);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/admin/branding', async (route) => (route.request().method() === 'GET' && (await held), route.continue()));
    await nav(page, 'Branding and e-mail');
    await page.getByRole('heading', { level: 1, name: 'Branding and e-mail' }).waitFor();
    // No empty form to type into, or to save over the organization's branding, while it is unread.
    expect(await page.getByLabel('Name shown').count()).toBe(0);
    release();
    await expect.poll(() => page.getByLabel('Name shown').inputValue()).toBe('ACME Identity');
    await context.close();
  });
  it('creates exactly one API key, group or application when its create button is double-clicked', async () => {
    const { page, context } = await signedInToAdmin(env, 'admin@acme.test');
    // Each create answers slowly, so that the second click of a double click lands while it is pending.
    const posts: Record<string, number> = {};
    for (const path of ['/api/admin/api-keys', '/api/admin/groups', '/api/admin/apps', '/api/admin/apps/oidc']) {
      await page.route(`**${path}`, async (route) => {
        if (route.request().method() === 'POST') {
          posts[path] = (posts[path] ?? 0) + 1;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        await route.continue();
      });
    }

    await nav(page, 'API keys');
    await page.getByLabel('Key name').fill('Double CI');
    await page.getByRole('button', { name: 'Create key' }).dblclick();
    await page.getByTestId('new-api-key').waitFor();
    await page.getByRole('cell', { name: 'Double CI', exact: true }).waitFor();

    await nav(page, 'Groups');
    await page.getByLabel('Group name').fill('Double group');
    await page.getByRole('button', { name: 'Create group' }).dblclick();
    await page.getByRole('region', { name: 'Double group' }).waitFor();

    await nav(page, 'Applications');
    const bookmark = page.getByRole('region', { name: 'New bookmark application' });
    await bookmark.getByLabel(/^Name/).fill('Double bookmark');
    await bookmark.getByLabel(/^URL/).fill(`${env.url}/healthz`);
    await bookmark.getByRole('button', { name: 'Create application' }).dblclick();
    await page.getByTestId('admin-app-row').filter({ hasText: 'Double bookmark' }).waitFor();
    await page.getByText('OpenID Connect', { exact: true }).click();
    const oidc = page.getByRole('region', { name: 'New OpenID Connect application' });
    await oidc.getByLabel(/^Name/).fill('Double OIDC');
    await oidc.getByLabel('Redirect URI 1', { exact: true }).fill('https://double.acme.test/callback');
    await oidc.getByRole('button', { name: 'Create application' }).dblclick();
    const ready = page.getByRole('dialog', { name: 'Double OIDC is ready' });
    await ready.waitFor();
    await ready.getByRole('button', { name: 'I have copied what I need' }).click();

    expect(posts).toEqual({ '/api/admin/api-keys': 1, '/api/admin/groups': 1, '/api/admin/apps': 1, '/api/admin/apps/oidc': 1 });
    const db = env.tessera.database.db;
    expect(await db.$count(apiKeys, and(eq(apiKeys.orgId, acmeId), eq(apiKeys.name, 'Double CI')))).toBe(1);
    expect(await db.$count(apps, and(eq(apps.orgId, acmeId), inArray(apps.name, ['Double bookmark', 'Double OIDC'])))).toBe(2);
    await context.close();
  });
  it("asks before revoking an invitation, and says an invitation's refusal in its own form", async () => {
    const { page, context } = await signedInToAdmin(env, 'admin@acme.test');
    const invite = page.getByRole('region', { name: 'Invite a user' });
    // Said by the form it is about, not above all three forms of the page.
    await invite.getByLabel(/^Email/).fill('lou@acme.test');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await invite.getByRole('alert').getByText('This person is already a member of the organization.').waitFor();
    await invite.getByLabel(/^Email/).fill('rita@acme.test');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Invitation sent to rita@acme.test.').waitFor();
    await showInvited(page, 'rita@');
    await userRow(page, 'rita@acme.test').waitFor();
    // Its link stops working: asked first, naming the address; said no to, the invitation stays.
    let asked = '';
    page.once('dialog', (d) => void ((asked = d.message()), d.dismiss()));
    await page.getByRole('button', { name: 'Revoke the invitation of rita@acme.test' }).click();
    expect(asked).toBe('Revoke the invitation of rita@acme.test? The link in the e-mail stops working.');
    // (The list may be reloading from the search just typed: asked of the server, not of the rows on screen.)
    const pending = async () => ((await (await context.request.get(`${env.url}/api/admin/invitations?status=pending&limit=200`)).json()).items as { email: string }[]).some((i) => i.email === 'rita@acme.test');
    expect(await pending()).toBe(true);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revoke the invitation of rita@acme.test' }).click();
    await userRow(page, 'rita@acme.test').waitFor({ state: 'detached' });
    await context.close();
  });

  it('keeps a token lifetime as typed and says its range, then hands the keyboard on to the new application', async () => {
    const { page, context } = await signedInToAdmin(env, 'admin@acme.test');
    await nav(page, 'Applications');
    await page.getByText('OpenID Connect', { exact: true }).click();
    const oidc = page.getByRole('region', { name: 'New OpenID Connect application' });
    await oidc.getByLabel(/^Name/).fill('Lifetimes');
    await oidc.getByLabel('Redirect URI 1', { exact: true }).fill('https://lifetimes.acme.test/callback');
    const access = oidc.getByLabel('Access token lifetime (seconds)');
    const refresh = oidc.getByLabel('Refresh token lifetime (seconds)');
    // Not clamped to the nearest limit on leaving the field: what was typed is what is refused.
    await access.fill('999999999');
    await refresh.fill('-5');
    await oidc.getByLabel(/^Name/).click();
    expect(await access.inputValue()).toBe('999999999');
    expect(await refresh.inputValue()).toBe('-5');
    await oidc.getByRole('button', { name: 'Create application' }).click();
    await oidc.getByText('Enter a whole number from 60 to 86400.').waitFor();
    await oidc.getByText('Enter a whole number from 300 to 7776000.').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await access.fill('600');
    await refresh.fill('3600');
    await oidc.getByRole('button', { name: 'Create application' }).click();
    const ready = page.getByRole('dialog', { name: 'Lifetimes is ready' });
    await ready.getByRole('button', { name: 'I have copied what I need' }).click();
    // Closed, the dialog leaves the focus on the new application's row, not on the page's body.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Lifetimes, settings');
    await context.close();
  });

  it("says what a bookmark's address must be on its settings page, as its create form does", async () => {
    const { page, context } = await signedInToAdmin(env, 'admin@acme.test');
    await nav(page, 'Applications');
    await page.getByRole('link', { name: 'Handbook, settings' }).click();
    const settings = page.getByRole('region', { name: 'Settings' });
    await settings.getByLabel(/^URL/).fill('handbook');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.getByText('An http:// or https:// address.').waitFor();
    await context.close();
  });

  it('reports a CSV invitation in French with words agreeing with each count', async () => {
    const { page, context } = await signedInToAdmin(env, 'admin@acme.test');
    // The account menu's choice, which is the administrator's own (a language saved earlier wins over ?lang=).
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Français' }).click();
    const bulk = page.getByRole('region', { name: 'Inviter depuis un fichier CSV' });
    await bulk.locator('input[type=file]').setInputFiles({ name: 'une.csv', mimeType: 'text/csv', buffer: Buffer.from('email,firstName\ncsv-fr@acme.test,Zoé\n') });
    await bulk.getByRole('button', { name: 'Envoyer les invitations' }).click();
    await bulk.getByText('1 invitée, 0 non invitée.').waitFor();
    await page.getByRole('button', { name: /Menu du compte/ }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(async () => (await context.request.get(`${env.url}/api/session`)).json().then((s) => s.user.language)).toBe('en');
    await context.close();
  });

  it('lists applications on a phone with whole type badges and their assignment in view', async () => {
    const { page, context } = await signedInToAdmin(env, 'admin@acme.test');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${env.url}/admin/applications`);
    for (const [name, badge] of [['Handbook', 'Bookmark'], ['Double OIDC', 'OIDC']]) {
      const row = page.getByTestId('admin-app-row').filter({ hasText: name });
      const label = row.getByText(badge, { exact: true });
      expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth), `${badge} badge cut short`).toBe(true);
      const assign = (await row.getByRole('button', { name: 'Assign' }).boundingBox())!;
      expect(assign.x + assign.width, `${name}: Assign off screen`).toBeLessThanOrEqual(390);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  // Last: a second organization changes what the login page shows, which the tests above rely on.
  it("shows a shared person's personal details read-only, and saves this organization's own fields", async () => {
    const globex = await env.seedOrg('Globex');
    const shared = await env.seedUser({ email: 'sam@acme.test', orgs: [acme, globex], firstName: 'Sam', lastName: 'Both' });
    const { page, context } = await env.newPage();
    await signInThroughPage(page, { url: `${env.url}/admin/login`, email: 'admin@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/admin`);
    await page.goto(`${env.url}/admin/users/${shared.id}`);
    await page.getByRole('heading', { name: 'Sam Both' }).waitFor();
    const personal = page.getByRole('region', { name: 'Personal Information' });
    await personal.getByText('This person also belongs to another organization.').waitFor();
    expect(await personal.getByLabel('City').getAttribute('readonly')).not.toBeNull();
    expect(await personal.getByRole('button', { name: 'Save' }).count()).toBe(0);
    const employment = page.getByRole('region', { name: 'Employment Information' });
    const jobTitle = employment.getByLabel('Job Title');
    // Said as the person's own Profile says it: the limit passed, at the field, gone once it is edited.
    await expectLimitSaidAtField(employment, jobTitle, employment.getByRole('button', { name: 'Save' }), 'طيار');
    // Names and addresses follow their script.
    expect(await jobTitle.evaluate((input) => input.matches(':dir(rtl)'))).toBe(true);
    expect(await personal.getByLabel('City').getAttribute('dir')).toBe('auto');
    await jobTitle.fill('Pilot');
    await employment.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved').first().waitFor();
    await context.close();
  });

  it("says a CSV row's wrong column in the reader's language, and which rows replaced a pending invitation", async () => {
    const { page, context } = await env.newPage();
    await signInThroughPage(page, { url: `${env.url}/admin/login`, email: 'admin@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/admin`);
    const bulk = page.getByRole('region', { name: 'Invite from a CSV file' });
    const upload = async (csv: string) => {
      await bulk.locator('input[type=file]').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await bulk.getByRole('button', { name: 'Send invitations' }).click();
    };
    await upload('twice@acme.test,Tom\n');
    await bulk.getByTestId('bulk-row').getByText('Invited', { exact: true }).waitFor();
    await upload('twice@acme.test,Tom\nboss@acme.test,Bo,Boss,owner\n');
    await bulk.getByTestId('bulk-row').nth(0).getByText('Invited again: the earlier link no longer works').waitFor();
    await bulk.getByTestId('bulk-row').nth(1).getByText('Role: Write member or admin.').waitFor();
    await context.close();
  });
});
