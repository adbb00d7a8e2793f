import type { Page } from 'playwright-core';

/** Types the e-mail and the password on the User Login (or Administrator Portal Login) page. */
export async function signInThroughPage(page: Page, input: { email: string; password: string; url?: string }): Promise<void> {
  if (input.url) await page.goto(input.url);
  await page.getByLabel(/^Email/).fill(input.email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(/^Password/).fill(input.password);
  await page.getByRole('button', { name: 'Login' }).click();
}
