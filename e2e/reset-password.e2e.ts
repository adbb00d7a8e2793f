import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startE2E, linkIn, PASSWORD, type E2E } from './support/environment.ts';
import { signInThroughPage } from './support/pages.ts';
import { seriousA11yViolations } from './support/axe.ts';

let env: E2E;
const NEW_PASSWORD = 'a-Brand-new-password-9';

beforeAll(async () => {
  env = await startE2E();
  const acme = await env.seedOrg('Acme Corp');
  await env.seedUser({ email: 'rosa@acme.test', orgs: [acme] });
  await env.seedUser({ email: 'remy@acme.test', orgs: [acme] });
});
afterAll(() => env?.close());

describe('Reset User Password', () => {
  it('mails a link that sets a new password; the old one stops working', async () => {
    const { page: asking, context } = await env.newPage();
    await asking.goto(`${env.url}/login`);
    await asking.getByLabel(/^Email/).fill('rosa@acme.test');
    await asking.getByRole('button', { name: 'Continue' }).click();
    await asking.getByRole('link', { name: 'Reset User Password' }).click();
    await asking.waitForURL(`${env.url}/reset-password`);
    // The address typed on the login page comes along (not in the URL).
    await expect.poll(() => asking.getByLabel(/^Email/).inputValue()).toBe('rosa@acme.test');
    await asking.getByRole('button', { name: 'Send reset link' }).click();
    await asking.getByText(/If this address has an account/).waitFor();
    expect(await seriousA11yViolations(asking)).toEqual([]);

    const mail = await env.waitForMail('rosa@acme.test', /reset/i);
    const link = linkIn(mail, '/reset-password');
    expect(link.startsWith(`${env.url}/reset-password#token=`)).toBe(true);

    // Pasted into the tab that asked for it (only the fragment changes), the link works there too.
    await asking.goto(link);
    await asking.getByText('rosa@acme.test').waitFor();
    await asking.getByLabel(/^New password/).waitFor();
    await asking.close();

    // The person opens the link from their mailbox: a fresh page.
    const page = await context.newPage();
    await page.goto(link);
    await page.getByText('rosa@acme.test').waitFor();
    // The token leaves the address bar at once (no leak through history, screenshots or referrers).
    expect(page.url()).toBe(`${env.url}/reset-password`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // What only the server checks is not ticked ahead of it; its refusal stays with the password refused.
    const serverRule = page.getByTestId('rule-server');
    await page.getByLabel(/^New password/).fill('password1234');
    await page.getByLabel(/^Confirm password/).fill('password1234');
    expect(await serverRule.textContent()).toContain('Not your e-mail address or username, nor a common or recently used password (checked when you send it)');
    expect(await serverRule.textContent()).not.toContain('✓');
    await page.getByRole('button', { name: 'Reset password' }).click();
    await serverRule.getByText('This password is too common.').waitFor();
    // The account's own address is no password either (QA: it used to be accepted).
    await page.getByLabel(/^New password/).fill('rosa@acme.test-2026');
    await page.getByLabel(/^Confirm password/).fill('rosa@acme.test-2026');
    await page.getByRole('button', { name: 'Reset password' }).click();
    await serverRule.getByText('This password contains your e-mail address or username.').waitFor();
    await page.getByLabel(/^New password/).fill(NEW_PASSWORD);
    await serverRule.getByText('Not your e-mail address or username, nor a common or recently used password (checked when you send it)').waitFor();
    await page.getByLabel(/^Confirm password/).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Reset password' }).click();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(/\/login/);

    await signInThroughPage(page, { email: 'rosa@acme.test', password: PASSWORD });
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/incorrect/i);
    await page.getByLabel(/^Password/).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(`${env.url}/`);

    // A used link is dead.
    const again = await context.newPage();
    await again.goto(link);
    await again.getByText(/not valid/i).waitFor();
    await context.close();
  });

  it('a confirmed recovery e-mail gets the reset link too, when the company mailbox is out of reach', async () => {
    const { page, context } = await env.newPage();
    await signInThroughPage(page, { url: `${env.url}/login`, email: 'remy@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/`);
    await page.getByRole('navigation').getByRole('link', { name: 'Profile' }).click();
    const card = page.getByRole('region', { name: 'Recovery Email' });
    await card.getByLabel(/^Email/).fill('remy@home.test');
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByText('Waiting for confirmation of remy@home.test').waitFor();
    const confirm = await context.newPage();
    await confirm.goto(linkIn(await env.waitForMail('remy@home.test', /confirm/i), '/confirm-recovery-email'));
    await confirm.getByText('Your recovery e-mail remy@home.test is confirmed.').waitFor();
    await context.clearCookies();

    const asking = await context.newPage();
    await asking.goto(`${env.url}/reset-password`);
    await asking.getByLabel(/^Email/).fill('remy@acme.test');
    await asking.getByRole('button', { name: 'Send reset link' }).click();
    await asking.getByText(/If this address has an account/).waitFor();
    const reset = await context.newPage();
    await reset.goto(linkIn(await env.waitForMail('remy@home.test', /reset/i), '/reset-password'));
    await reset.getByText('remy@acme.test').waitFor();
    await reset.getByLabel(/^New password/).fill(NEW_PASSWORD);
    await reset.getByLabel(/^Confirm password/).fill(NEW_PASSWORD);
    await reset.getByRole('button', { name: 'Reset password' }).click();
    await reset.getByRole('link', { name: 'Sign in' }).click();
    await signInThroughPage(reset, { email: 'remy@acme.test', password: NEW_PASSWORD });
    await reset.waitForURL(`${env.url}/`);

    // The company address cannot be its own recovery e-mail; a recovery e-mail can be removed.
    await reset.getByRole('navigation').getByRole('link', { name: 'Profile' }).click();
    const mine = reset.getByRole('region', { name: 'Recovery Email' });
    await mine.getByLabel(/^Email/).fill('Remy@acme.test');
    await mine.getByRole('button', { name: 'Save' }).click();
    await mine.getByText("Choose a personal address: this one is your account's own address.").waitFor();
    reset.once('dialog', (d) => void d.accept());
    await mine.getByRole('button', { name: 'Remove recovery e-mail' }).click();
    await reset.getByText('Your recovery e-mail was removed.').waitFor();
    await expect.poll(() => mine.getByLabel(/^Email/).inputValue()).toBe('');
    await mine.getByRole('button', { name: 'Remove recovery e-mail' }).waitFor({ state: 'detached' });
    await env.waitForMail('remy@home.test', /no longer/i);
    await context.close();
  });
});
