import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startE2E, PASSWORD, type E2E } from './support/environment.ts';

let env: E2E;

beforeAll(async () => {
  env = await startE2E();
  const acme = await env.seedOrg('Acme Corp', { lockout: { maxFailures: 3, durationMinutes: 30 } });
  await env.seedUser({ email: 'lena@acme.test', orgs: [acme] });
});
afterAll(() => env?.close());

describe('lockout', () => {
  it('locks the account after repeated failures, says so, and mails the owner', async () => {
    const { page, context } = await env.newPage();
    await page.goto(`${env.url}/login`);
    await page.getByLabel(/^Email/).fill('lena@acme.test');
    await page.getByRole('button', { name: 'Continue' }).click();
    for (let i = 0; i < 3; i++) {
      await page.getByLabel(/^Password/).fill(`wrong-password-${i}`);
      await page.getByRole('button', { name: 'Login' }).click();
      await page.getByRole('alert').waitFor();
    }
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Your account is locked/);
    expect(await page.getByRole('alert').textContent()).toMatch(/administrator/i);

    // Even the right password is refused now.
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Your account is locked/);
    expect((await context.request.get(`${env.url}/api/session`)).status()).toBe(401);

    const mail = await env.waitForMail('lena@acme.test', /locked/i);
    expect(mail.text).toContain(`${env.url}/reset-password`);
    await context.close();
  });
});
