import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startE2E, PASSWORD, type E2E } from './support/environment.ts';
import { signInThroughPage } from './support/pages.ts';
import { startTestSp, type TestSp } from '../server/test/saml/test-sp-server.ts';
import { assignApp } from '../server/src/domain/apps/app-store.ts';
import { addGroupMember, createGroup } from '../server/src/domain/groups/group-store.ts';
import { ensureSamlIdpKey } from '../server/src/domain/saml/idp-key-store.ts';
import { createSamlApp } from '../server/src/domain/saml/saml-app-store.ts';
import { idpUrls } from '../server/src/protocols/saml/saml-entities.ts';
import { createSamlAppInput } from '../contract/saml-apps.ts';
import type { Org } from '../server/src/domain/orgs/org-store.ts';

let env: E2E;
let acme: Org;
let sp: TestSp;

beforeAll(async () => {
  env = await startE2E();
  acme = await env.seedOrg('Acme Corp');
  const ada = await env.seedUser({ email: 'ada@acme.test', orgs: [acme], firstName: 'Ada', lastName: 'Lovelace' });
  const db = env.tessera.database.db;
  sp = await startTestSp();
  const key = await ensureSamlIdpKey(db, env.tessera.masterKey, acme.id);
  const { entityId, ssoUrl } = idpUrls(env.url, acme.slug);
  sp.useIdp({ entityId, ssoUrl, certificate: key.certificatePem });
  const app = await createSamlApp(
    db,
    env.tessera.masterKey,
    acme.id,
    createSamlAppInput.parse({
      name: 'Team Wiki',
      entityId: sp.entityId,
      acsUrls: [sp.acsUrl],
      attributes: [
        { name: 'displayName', source: 'displayName' },
        { name: 'groups', source: 'groups' },
      ],
    }),
  );
  const engineers = await createGroup(db, acme.id, 'Engineers');
  await addGroupMember(db, engineers.id, ada.id);
  await assignApp(db, app.id, { groupId: engineers.id });
});
afterAll(async () => {
  await sp?.close();
  await env?.close();
});

async function signedIn(email: string) {
  const { page, context } = await env.newPage();
  await signInThroughPage(page, { url: `${env.url}/login`, email, password: PASSWORD });
  await page.waitForURL(`${env.url}/`);
  return { page, context };
}

/** The test SP's page after its ACS accepted the response: what it was told about the person. */
async function shownBySp(page: Page): Promise<Record<string, string>> {
  await page.waitForURL(`${sp.acsUrl}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Signed in to the SAML test app');
  const entries = await page.locator('dd[data-attr]').evaluateAll((dds) => dds.map((d) => [d.getAttribute('data-attr')!, d.textContent ?? '']));
  return Object.fromEntries(entries);
}

async function launchTile(page: Page, context: BrowserContext, name: string): Promise<Page> {
  await page.getByRole('navigation').getByRole('link', { name: 'Applications' }).click();
  await page.getByTestId('app-tile').filter({ hasText: name }).waitFor();
  const [tab] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name, exact: true }).click()]);
  tab.setDefaultTimeout(15_000);
  return tab;
}

describe('SAML single sign-on', () => {
  it('signs a portal user into the SAML application from its tile; the SP shows their NameID and attributes', async () => {
    const { page, context } = await signedIn('ada@acme.test');
    const shown = await shownBySp(await launchTile(page, context, 'Team Wiki'));
    expect(shown.nameID).toBe('ada@acme.test');
    expect(shown.displayName).toBe('Ada Lovelace');
    expect(shown.groups).toBe('Engineers');
    await context.close();
  });

  it('starts at the SP, signs in at Tessera, and lands back on the SP with the RelayState', async () => {
    const { page, context } = await env.newPage();
    await page.goto(`${sp.origin}/`);
    await page.waitForURL((u) => u.pathname === '/login');
    await signInThroughPage(page, { email: 'ada@acme.test', password: PASSWORD });
    const shown = await shownBySp(page);
    expect(shown.nameID).toBe('ada@acme.test');
    expect(shown.relayState).toBe('from-sp-home');
    await context.close();
  });
});
