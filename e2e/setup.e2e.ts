import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startE2E, PASSWORD, type E2E } from './support/environment.ts';
import { sendPasswordWithAddress } from './support/pages.ts';
import { createSetupToken } from '../server/src/domain/secrets/link-tokens.ts';

let env: E2E;

// A Tessera with no organization yet: what `tessera start` prints a setup link for.
beforeAll(async () => {
  env = await startE2E();
});
afterAll(() => env?.close());

describe('setting up Tessera from the link printed at first start', () => {
  it('creates the first organization and its administrator; a refusal goes once what it was about is edited', async () => {
    const token = await createSetupToken(env.tessera.database.db);
    const { page, context } = await env.newPage();
    await page.goto(`${env.url}/setup#token=${token}`);
    await page.getByLabel(/^Organization name/).fill('Acme Corp');
    await page.getByLabel(/^Your e-mail/).fill('grace@acme.test');
    const password = page.getByLabel(/^Password/);
    const confirm = page.getByLabel(/^Confirm password/);
    const refusal = await sendPasswordWithAddress(page, { password, confirm }, 'grace', 'Create organization');
    // Said of the password: editing another field leaves it, editing the password clears it.
    await page.getByLabel('First name').fill('Grace');
    expect(await refusal.count()).toBe(1);
    await password.fill(PASSWORD);
    await refusal.waitFor({ state: 'detached' });
    await confirm.fill(PASSWORD);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(`${env.url}/admin`);
    await page.getByTestId('org-name').filter({ hasText: 'Acme Corp' }).waitFor();
    await context.close();
  });
});
