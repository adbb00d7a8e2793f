import type { BrowserContext, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';

const AUTHENTICATORS = {
  /** Touch ID / Windows Hello: discoverable credentials (passkeys) and user verification. */
  platform: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  /** A plain USB security key: presence only, no PIN, no discoverable credentials — a second factor only. */
  'usb-key': { protocol: 'ctap2', transport: 'usb', hasResidentKey: false, hasUserVerification: false, isUserVerified: false },
} as const;

/**
 * An authenticator simulated by Chromium itself through the DevTools protocol: real WebAuthn
 * ceremonies, no mocks.
 */
export async function addVirtualAuthenticator(context: BrowserContext, page: Page, kind: keyof typeof AUTHENTICATORS = 'platform') {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { ...AUTHENTICATORS[kind], automaticPresenceSimulation: true },
  });
  return {
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
  };
}

/** A code from Debian's oathtool, `offsetSeconds` from now (the next step avoids replay refusals). */
export function totpCode(secret: string, offsetSeconds = 0): string {
  const when = new Date(Date.now() + offsetSeconds * 1000).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
  return execFileSync('oathtool', ['--totp', '-b', secret, '--now', when], { encoding: 'utf8' }).trim();
}

/** Types a 6-digit code into Mantine's PinInput (focus moves from box to box by itself). */
export async function typeCode(page: Page, code: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Enter Code' }).first().click();
  await page.keyboard.type(code);
}

/** Walks "Set Up Verification Code (TOTP)": I Have An App, the key, the code. Returns the key. */
export async function setUpAuthenticatorApp(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'I Have An App' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  if (!/^[A-Z2-7]{32}$/.test(secret)) throw new Error(`not a TOTP key: ${secret}`);
  await page.getByRole('img', { name: 'QR code to add your account' }).waitFor();
  await typeCode(page, totpCode(secret));
  await page.getByRole('button', { name: 'Submit' }).click();
  return secret;
}
