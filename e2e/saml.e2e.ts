import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, PASSWORD, type E2E } from './support/environment.ts';
import { launchTile, signedInToPortal, signInThroughPage } from './support/pages.ts';
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
  const { entityId, ssoUrl, sloUrl } = idpUrls(env.url, acme.slug);
  sp.useIdp({ entityId, ssoUrl, sloUrl, certificate: key.certificatePem });
  const app = await createSamlApp(
    db,
    env.tessera.masterKey,
    acme.id,
    createSamlAppInput.parse({
      name: 'Team Wiki',
      entityId: sp.entityId,
      acsUrls: [sp.acsUrl],
      sloUrl: sp.sloUrl,
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

/** The test SP's page after its ACS accepted the response: what it was told about the person. */
async function shownBySp(page: Page): Promise<Record<string, string>> {
  await page.waitForURL(`${sp.acsUrl}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Signed in to the SAML test app');
  const entries = await page.locator('dd[data-attr]').evaluateAll((dds) => dds.map((d) => [d.getAttribute('data-attr')!, d.textContent ?? '']));
  return Object.fromEntries(entries);
}

describe('SAML single sign-on', () => {
  it('signs a portal user into the SAML application from its tile; the SP shows their NameID and attributes', async () => {
    const { page, context } = await signedInToPortal(env, 'ada@acme.test');
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

  it('answers an AuthnRequest posted from the SP (HTTP-POST binding) without asking a signed-in person to sign in again', async () => {
    const { page, context } = await signedInToPortal(env, 'ada@acme.test');
    await page.goto(`${sp.origin}/post-login`);
    const shown = await shownBySp(page);
    expect(shown.nameID).toBe('ada@acme.test');
    expect(shown.relayState).toBe('from-sp-post');
    await context.close();
  });

  it('signing out at the SP signs the person out of Tessera too (single logout)', async () => {
    const { page, context } = await signedInToPortal(env, 'ada@acme.test');
    const spPage = await launchTile(page, context, 'Team Wiki');
    await shownBySp(spPage);
    await spPage.goto(`${sp.origin}/logout`);
    await spPage.waitForURL(sp.sloUrl);
    expect(await spPage.getByRole('heading', { level: 1 }).textContent()).toBe('Signed out of the SAML test app');
    expect(await spPage.getByTestId('relay-state').textContent()).toBe('from-sp-logout');
    // The portal no longer has a session: it asks for User Login.
    await spPage.goto(`${env.url}/`);
    await spPage.getByRole('heading', { name: 'User Login' }).waitFor();
    await context.close();
  });

  it('logging out of the portal signs the person out of the SAML application too (IdP-initiated single logout)', async () => {
    const { page, context } = await signedInToPortal(env, 'ada@acme.test');
    const spPage = await launchTile(page, context, 'Team Wiki');
    await shownBySp(spPage);

    await page.bringToFront();
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    // Through the SP's single logout and back, then User Login.
    await page.waitForURL((u) => u.pathname === '/login');
    await page.getByRole('heading', { name: 'User Login' }).waitFor();
    // The SP was told: nobody is signed in there any more.
    await spPage.goto(`${sp.origin}/logout`);
    expect(await spPage.getByRole('heading', { level: 1 }).textContent()).toBe('Nobody is signed in here');
    await context.close();
  });

  it("an administrator creates a SAML application from the SP's metadata address, maps an attribute, assigns it to a group, and its tile reaches the SP", async () => {
    const { SAML } = await import('@node-saml/node-saml');
    const { readFile } = await import('node:fs/promises');
    const { seriousA11yViolations } = await import('./support/axe.ts');
    const db = env.tessera.database.db;
    await env.seedUser({ email: 'admin@acme.test', orgs: [acme], role: 'admin', firstName: 'Ari', lastName: 'Admin' });
    const key = await ensureSamlIdpKey(db, env.tessera.masterKey, acme.id);
    const idp = idpUrls(env.url, acme.slug);
    // A second SP (its own origin, so its own entity ID), configured with the IdP the console shows.
    const expenses = await startTestSp();
    try {
      expenses.useIdp({ entityId: idp.entityId, ssoUrl: idp.ssoUrl, certificate: key.certificatePem });
      const metadataXml = new SAML({ issuer: expenses.entityId, callbackUrl: expenses.acsUrl, idpCert: key.certificatePem, wantAssertionsSigned: true }).generateServiceProviderMetadata(null);

      const { page, context } = await env.newPage({ bypassCSP: true });
      await signInThroughPage(page, { url: `${env.url}/admin/login`, email: 'admin@acme.test', password: PASSWORD });
      await page.waitForURL(`${env.url}/admin`);
      await page.getByRole('navigation').getByRole('link', { name: 'Applications' }).click();
      await page.getByRole('radiogroup', { name: 'Application type' }).getByText('SAML', { exact: true }).click();
      const form = page.getByRole('region', { name: 'New SAML application' });
      await form.getByRole('tab', { name: 'Enter manually' }).waitFor();
      const importTab = form.getByRole('tabpanel', { name: 'Import metadata' });
      await importTab.getByRole('textbox', { name: 'Name', exact: true }).fill('Expense Reports');
      // Metadata that cannot be read is said at its field, which gets the focus, not above the form.
      const metadataField = importTab.getByLabel(/^SP metadata \(XML\)/);
      await metadataField.fill('garbage');
      await importTab.getByRole('button', { name: 'Create application' }).click();
      await importTab.getByText(/This metadata does not describe a SAML service provider/).waitFor();
      await expect.poll(() => metadataField.evaluate((el) => el === document.activeElement && el.getAttribute('aria-invalid'))).toBe('true');
      expect(await importTab.getByRole('alert').count()).toBe(0);
      await metadataField.fill(metadataXml);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await form.getByRole('tab', { name: 'Enter manually' }).click();
      const manual = form.getByRole('tabpanel', { name: 'Enter manually' });
      await manual.getByLabel(/^SP entity ID/).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      // A refusal is said at its field, which gets the focus: an ACS URL with a #fragment, then a certificate only the server can read.
      await manual.getByRole('textbox', { name: 'Name', exact: true }).fill('Payroll');
      await manual.getByLabel(/^SP entity ID/).fill('https://payroll.example.test');
      await manual.getByLabel('ACS URL 1', { exact: true }).fill('https://payroll.example.test/acs#x');
      await manual.getByRole('button', { name: 'Create application' }).click();
      await manual.getByText('Leave out the #fragment: the address ends before any #.').waitFor();
      await expect.poll(() => manual.getByLabel('ACS URL 1', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
      await manual.getByLabel('ACS URL 1', { exact: true }).fill('https://payroll.example.test/acs');
      await manual.getByLabel(/^SP signing certificate/).fill('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----');
      await manual.getByRole('button', { name: 'Create application' }).click();
      await manual.getByText("Paste the service provider's certificate as PEM (-----BEGIN CERTIFICATE----- …), with an RSA key.").waitFor();
      await expect.poll(() => manual.getByLabel(/^SP signing certificate/).evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await manual.getByText('This metadata does not describe').count()).toBe(0);
      await form.getByRole('tab', { name: 'Import metadata' }).click();
      // The SP publishes its metadata: the address replaces the pasted XML, and the server fetches it.
      await importTab.getByText('Metadata address', { exact: true }).click();
      await importTab.getByLabel(/^SP metadata URL/).fill(expenses.metadataUrl);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await importTab.getByRole('button', { name: 'Create application' }).click();

      // What the SP's administrator needs: metadata URL, entity ID, SSO URL, the certificate as .pem.
      const dialog = page.getByRole('dialog', { name: 'Expense Reports is ready' });
      await dialog.getByLabel('IdP metadata URL', { exact: true }).waitFor();
      expect(await dialog.getByLabel('IdP metadata URL', { exact: true }).inputValue()).toBe(idp.metadataUrl);
      expect(await dialog.getByLabel('IdP entity ID', { exact: true }).inputValue()).toBe(idp.entityId);
      expect(await dialog.getByLabel('Single sign-on URL', { exact: true }).inputValue()).toBe(idp.ssoUrl);
      const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download certificate (.pem)' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^tessera-idp-.+\.pem$/);
      expect((await readFile(await download.path())).toString('utf8').trim()).toBe(key.certificatePem.trim());
      expect(await seriousA11yViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Done' }).click();
      // The keyboard goes on from the new application's row, not from the top of the page.
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Expense Reports, settings');
      await dialog.waitFor({ state: 'detached' });

      // Assigned to the Engineers group (Ada is a member) from the application's row.
      const row = page.getByTestId('admin-app-row').filter({ hasText: 'Expense Reports' });
      await row.getByLabel('Assign Expense Reports to a group').click();
      await page.getByRole('option', { name: 'Engineers' }).click();
      await row.getByRole('button', { name: 'Assign' }).click();
      await page.getByText('Expense Reports was assigned.').waitFor();

      // Its settings page reads back what the metadata said; an attribute mapping is added there.
      await row.getByRole('link', { name: 'Expense Reports, settings' }).click();
      await page.getByRole('heading', { level: 1, name: 'Expense Reports' }).waitFor();
      const settings = page.getByRole('region', { name: 'Settings' });
      expect(await settings.getByLabel(/^SP entity ID/).inputValue()).toBe(expenses.entityId);
      expect(await settings.getByLabel('ACS URL 1', { exact: true }).inputValue()).toBe(expenses.acsUrl);
      // The page speaks of what a SAML application has: no consent question, no tokens.
      await page.getByText('Tessera signs nobody in to it any more').waitFor();
      expect(await page.getByText(/asks for consent|tokens/).count()).toBe(0);
      expect(await page.getByLabel('IdP metadata URL', { exact: true }).inputValue()).toBe(idp.metadataUrl);
      await settings.getByRole('button', { name: 'Add an attribute' }).click();
      await settings.getByLabel('Attribute name 1', { exact: true }).fill('displayName');
      await settings.getByRole('combobox', { name: 'Value of attribute 1' }).click();
      await page.getByRole('option', { name: 'Display name' }).click();
      const [saved] = await Promise.all([
        page.waitForResponse((r) => /\/api\/admin\/apps\/saml\/[0-9a-f-]{36}$/.test(r.url()) && r.request().method() === 'POST'),
        settings.getByRole('button', { name: 'Save' }).click(),
      ]);
      expect(saved.status()).toBe(200);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await context.close();

      // Ada's tile signs her in to the new SP, with the mapped attribute.
      const ada = await signedInToPortal(env, 'ada@acme.test');
      const tab = await launchTile(ada.page, ada.context, 'Expense Reports');
      await tab.waitForURL(expenses.acsUrl);
      expect(await tab.getByRole('heading', { level: 1 }).textContent()).toBe('Signed in to the SAML test app');
      const shown = Object.fromEntries(await tab.locator('dd[data-attr]').evaluateAll((dds) => dds.map((d) => [d.getAttribute('data-attr')!, d.textContent ?? ''])));
      expect(shown.nameID).toBe('ada@acme.test');
      expect(shown.displayName).toBe('Ada Lovelace');
      await ada.context.close();
    } finally {
      await expenses.close();
    }
  });

  it('an administrator gives an application its back-channel logout URL; signing the person out from the Admin Portal then signs them out of it too', async () => {
    const db = env.tessera.database.db;
    await env.seedUser({ email: 'ops@acme.test', orgs: [acme], role: 'admin', firstName: 'Oda', lastName: 'Ops' });
    const key = await ensureSamlIdpKey(db, env.tessera.masterKey, acme.id);
    const hr = await startTestSp();
    try {
      const idp = idpUrls(env.url, acme.slug);
      hr.useIdp({ entityId: idp.entityId, ssoUrl: idp.ssoUrl, sloUrl: idp.sloUrl, certificate: key.certificatePem });
      const app = await createSamlApp(db, env.tessera.masterKey, acme.id, createSamlAppInput.parse({ name: 'HR Portal', entityId: hr.entityId, acsUrls: [hr.acsUrl] }));
      const ada = (await env.tessera.database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'ada@acme.test') }))!;
      await assignApp(db, app.id, { userId: ada.id });

      // The administrator fills in the SP's SOAP logout address on the application's settings.
      const admin = await env.newPage();
      await signInThroughPage(admin.page, { url: `${env.url}/admin/login`, email: 'ops@acme.test', password: PASSWORD });
      await admin.page.waitForURL(`${env.url}/admin`);
      await admin.page.getByRole('navigation').getByRole('link', { name: 'Applications' }).click();
      await admin.page.getByTestId('admin-app-row').filter({ hasText: 'HR Portal' }).getByRole('link', { name: 'HR Portal, settings' }).click();
      const settings = admin.page.getByRole('region', { name: 'Settings' });
      await settings.getByLabel(/^SP back-channel logout URL \(SOAP\)/).fill(hr.soapSloUrl);
      const [saved] = await Promise.all([
        admin.page.waitForResponse((r) => /\/api\/admin\/apps\/saml\/[0-9a-f-]{36}$/.test(r.url()) && r.request().method() === 'POST'),
        settings.getByRole('button', { name: 'Save' }).click(),
      ]);
      expect(saved.status()).toBe(200);

      // Ada signs in to HR Portal from her tile.
      const { page, context } = await signedInToPortal(env, 'ada@acme.test');
      const tab = await launchTile(page, context, 'HR Portal');
      await tab.waitForURL(hr.acsUrl);
      expect(await tab.getByRole('heading', { level: 1 }).textContent()).toBe('Signed in to the SAML test app');
      await tab.goto(`${hr.origin}/status`);
      expect(await tab.getByRole('heading', { level: 1 }).textContent()).toBe('Someone is signed in here');

      // Signed out by the administrator: no browser of Ada's takes part, the SP is told server to server.
      await admin.page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
      admin.page.once('dialog', (d) => void d.accept());
      await admin.page.getByRole('button', { name: 'Actions for ada@acme.test' }).click();
      await admin.page.getByRole('menuitem', { name: 'Sign out everywhere' }).click();
      await admin.page.getByText('Saved').first().waitFor();
      await expect
        .poll(async () => {
          await tab.goto(`${hr.origin}/status`);
          return tab.getByRole('heading', { level: 1 }).textContent();
        })
        .toBe('Nobody is signed in here');
      await page.reload();
      await page.waitForURL(/\/login/);
      await context.close();
      await admin.context.close();
    } finally {
      await hr.close();
    }
  });
});
