import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, PASSWORD, type E2E } from './support/environment.ts';
import { launchTile, signedInToPortal, signInThroughPage } from './support/pages.ts';
import { seriousA11yViolations } from './support/axe.ts';
import { setUpAuthenticatorApp, totpCode, typeCode } from './support/authenticator.ts';
import { startTestRp, type TestRp } from './support/test-rp.ts';
import { assignApp } from '../server/src/domain/apps/app-store.ts';
import { createOidcApp, getOidcApp } from '../server/src/flows/admin/oidc-apps.ts';
import type { FlowDeps } from '../server/src/flows/deps.ts';
import type { Org } from '../server/src/domain/orgs/org-store.ts';
import { defaultArgon2Params } from '../server/src/domain/credentials/password-hash.ts';

/** A 1×1 PNG. */
const WIKI_ICON_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

let env: E2E;
let acme: Org;
const rps: TestRp[] = [];
const people: Record<'ada' | 'tom' | 'ben' | 'eve', { id: string; email: string }> = {} as never;

function deps(): FlowDeps {
  return { db: env.tessera.database.db, publicUrl: env.url, argon2: defaultArgon2Params, masterKey: env.tessera.masterKey, mailQueued: () => {}, ctx: { ip: '127.0.0.1', userAgent: 'e2e' }, memo: new Map() };
}

async function newRp(options: { formPost?: boolean } = {}): Promise<TestRp> {
  const rp = await startTestRp(`${env.url}/oidc`, undefined, options);
  rps.push(rp);
  return rp;
}

/** An OIDC application for a fresh test RP, created the way the admin API does, assigned to `assignee`. */
async function seedOidcApp(name: string, settingsFor: Record<string, unknown> | ((rp: TestRp) => Record<string, unknown>), assignee?: { id: string }, rpOptions: { formPost?: boolean } = {}) {
  const rp = await newRp(rpOptions);
  const settings = typeof settingsFor === 'function' ? settingsFor(rp) : settingsFor;
  // No initiate-login URI: oidc-provider refuses an http:// one even on loopback (see the report), so
  // the tile opens the site of the first redirect URI, whose home page starts the sign-in.
  const app = await createOidcApp({ orgId: acme.id, adminId: null }, { name, kind: 'web', redirectUris: [rp.callbackUri], ...settings }, deps());
  rp.useClient(app.clientId, app.clientSecret);
  if (assignee) await assignApp(env.tessera.database.db, app.id, { userId: assignee.id });
  return { app, rp };
}

/** The test RP's page after the callback: the claims it received, or why it failed. */
async function claimsShown(page: Page, rp: TestRp): Promise<Record<string, string>> {
  await page.waitForURL((u) => u.href.startsWith(rp.callbackUri));
  await page.getByRole('heading', { level: 1 }).waitFor();
  const failure = await page.getByTestId('rp-failure').textContent({ timeout: 50 }).catch(() => null);
  expect(failure).toBeNull();
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Signed in to the test app');
  const entries = await page.locator('dd[data-claim]').evaluateAll((dds) => dds.map((d) => [d.getAttribute('data-claim')!, d.textContent ?? '']));
  return Object.fromEntries(entries);
}

beforeAll(async () => {
  env = await startE2E();
  acme = await env.seedOrg('Acme Corp');
  await env.seedUser({ email: 'admin@acme.test', orgs: [acme], role: 'admin', firstName: 'Ari', lastName: 'Admin' });
  people.ada = { ...(await env.seedUser({ email: 'ada@acme.test', orgs: [acme], firstName: 'Ada', lastName: 'Lovelace' })), email: 'ada@acme.test' };
  people.tom = { ...(await env.seedUser({ email: 'tom@acme.test', orgs: [acme], firstName: 'Tom', lastName: 'Kilburn' })), email: 'tom@acme.test' };
  people.ben = { ...(await env.seedUser({ email: 'ben@acme.test', orgs: [acme], firstName: 'Ben', lastName: 'Outsider' })), email: 'ben@acme.test' };
});
afterAll(async () => {
  await Promise.all(rps.map((rp) => rp.close()));
  await env?.close();
});

describe('OpenID Connect single sign-on', () => {
  let wiki: { clientId: string; rp: TestRp };

  it('an administrator creates an OIDC application, sees its secret once, sets its MFA rule and rotates the secret', async () => {
    const rp = await newRp();
    const { page, context } = await env.newPage({ bypassCSP: true });
    await signInThroughPage(page, { url: `${env.url}/admin/login`, email: 'admin@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/admin`);
    await page.getByRole('navigation').getByRole('link', { name: 'Applications' }).click();
    await page.getByText('OpenID Connect', { exact: true }).click();
    const form = page.getByRole('region', { name: 'New OpenID Connect application' });
    await form.getByLabel(/^Name/).fill('Team Wiki');
    // A wildcard redirect URI is refused on its own row, before anything is sent.
    await form.getByLabel('Redirect URI 1', { exact: true }).fill('https://*.acme.test/callback');
    await form.getByRole('button', { name: 'Create application' }).click();
    await form.getByText('Enter the exact address: https://, or http:// on localhost only, with no * wildcard and no #fragment.').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await form.getByLabel('Redirect URI 1', { exact: true }).fill(rp.callbackUri);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Create application' }).click();

    const dialog = page.getByRole('dialog', { name: 'Team Wiki is ready' });
    await dialog.waitFor();
    const clientId = await dialog.getByLabel('Client ID', { exact: true }).inputValue();
    const firstSecret = await dialog.getByLabel('Client secret', { exact: true }).inputValue();
    expect(firstSecret).toMatch(/^tcs_[A-Za-z0-9_-]{40,}$/);
    await dialog.getByText("you won't see it again", { exact: false }).waitFor();
    expect(await dialog.getByLabel('Issuer', { exact: true }).inputValue()).toBe(`${env.url}/oidc`);
    expect(await dialog.getByLabel('Discovery URL', { exact: true }).inputValue()).toBe(`${env.url}/oidc/.well-known/openid-configuration`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'I have copied what I need' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Its settings page: the rule "Require MFA" is saved, and the secret rotated.
    await page.getByRole('link', { name: 'Team Wiki, settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Team Wiki' }).waitFor();
    expect(await page.getByLabel('Client ID', { exact: true }).inputValue()).toBe(clientId);
    const settings = page.getByRole('region', { name: 'Settings' });
    expect(await settings.getByLabel('Redirect URI 1', { exact: true }).inputValue()).toBe(rp.callbackUri);
    await settings.getByRole('radio', { name: 'Within the last N minutes' }).check();
    await settings.getByRole('textbox', { name: 'Minutes' }).fill('5');
    await settings.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved').first().waitFor();
    expect((await getOidcApp({ orgId: acme.id, adminId: null }, clientId, deps())).mfaPolicy).toEqual({ mode: 'recent', withinMinutes: 5 });
    await settings.getByRole('radio', { name: 'No', exact: true }).check();
    await settings.getByLabel(/^Description/).fill('Where the team writes things down');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/admin/apps/oidc/${clientId}`) && r.request().method() === 'POST'),
      settings.getByRole('button', { name: 'Save' }).click(),
    ]);
    expect(saved.status()).toBe(200);
    expect(await getOidcApp({ orgId: acme.id, adminId: null }, clientId, deps())).toMatchObject({ mfaPolicy: { mode: 'none' }, description: 'Where the team writes things down' });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Its icon, for the tile: a wrong file is refused on the page, an image saved as soon as chosen.
    const iconCard = page.getByRole('region', { name: 'Icon' });
    await iconCard.locator('input[type="file"]').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
    await iconCard.getByText('Choose a PNG, JPEG, GIF or WebP image.').waitFor();
    // A text file named .png is no image either.
    await iconCard.locator('input[type="file"]').setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('hello world, not an image\n') });
    await iconCard.getByText('Choose a PNG, JPEG, GIF or WebP image.').waitFor();
    expect((await getOidcApp({ orgId: acme.id, adminId: null }, clientId, deps())).icon).toBeNull();
    await iconCard.locator('input[type="file"]').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from(WIKI_ICON_PNG, 'base64') });
    await page.getByText('Icon saved.').waitFor();
    expect((await getOidcApp({ orgId: acme.id, adminId: null }, clientId, deps())).icon).toBe(`data:image/png;base64,${WIKI_ICON_PNG}`);
    await iconCard.getByRole('button', { name: 'Remove icon' }).waitFor();

    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('button', { name: 'Rotate now' }).click();
    const rotated = page.getByRole('dialog', { name: 'New client secret' });
    const secret = await rotated.getByLabel('Client secret', { exact: true }).inputValue();
    expect(secret).toMatch(/^tcs_/);
    expect(secret).not.toBe(firstSecret);
    await rotated.getByRole('button', { name: 'I have copied what I need' }).click();

    // The relying party is configured with what the administrator copied: the rotated secret.
    rp.useClient(clientId, secret);
    await assignApp(env.tessera.database.db, clientId, { userId: people.ada.id });
    wiki = { clientId, rp };
    await context.close();
  });

  it('changing the kind of an application warns before its secret goes, and shows the new one once when it needs a secret again', async () => {
    const app = await createOidcApp({ orgId: acme.id, adminId: null }, { name: 'Kanban', kind: 'web', redirectUris: ['https://kanban.acme.test/cb'] }, deps());
    const { page, context } = await env.newPage();
    await signInThroughPage(page, { url: `${env.url}/admin/login`, email: 'admin@acme.test', password: PASSWORD });
    await page.waitForURL(`${env.url}/admin`);
    await page.goto(`${env.url}/admin/applications/oidc/${app.clientId}`);
    await page.getByRole('heading', { level: 1, name: 'Kanban' }).waitFor();
    const settings = page.getByRole('region', { name: 'Settings' });

    // To single-page: asked first; Cancel keeps the secret.
    await settings.getByRole('radio', { name: 'Single-page application' }).check();
    await settings.getByRole('button', { name: 'Save' }).click();
    const warning = page.getByRole('dialog', { name: 'Remove the client secret?' });
    await warning.getByText("saving deletes this application's secret at once", { exact: false }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await warning.getByRole('button', { name: 'Cancel' }).click();
    await warning.waitFor({ state: 'detached' });
    expect(await getOidcApp({ orgId: acme.id, adminId: null }, app.clientId, deps())).toMatchObject({ hasSecret: true, settings: { kind: 'web' } });
    await settings.getByRole('button', { name: 'Save' }).click();
    await warning.getByRole('button', { name: 'Remove the secret and save' }).click();
    await page.getByText('Saved').first().waitFor();
    expect(await getOidcApp({ orgId: acme.id, adminId: null }, app.clientId, deps())).toMatchObject({ hasSecret: false, settings: { kind: 'spa' } });
    expect(await page.getByRole('region', { name: 'Client secret' }).count()).toBe(0);

    // Back to web: no question, and the new secret shown once, the one the server now holds.
    await settings.getByRole('radio', { name: 'Web application' }).check();
    await settings.getByRole('button', { name: 'Save' }).click();
    const issued = page.getByRole('dialog', { name: 'New client secret' });
    const secret = await issued.getByLabel('Client secret', { exact: true }).inputValue();
    expect(secret).toMatch(/^tcs_/);
    await issued.getByText("you won't see it again", { exact: false }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await issued.getByRole('button', { name: 'I have copied what I need' }).click();
    await issued.waitFor({ state: 'detached' });
    expect(await getOidcApp({ orgId: acme.id, adminId: null }, app.clientId, deps())).toMatchObject({ hasSecret: true, settings: { kind: 'web' } });
    await page.getByRole('region', { name: 'Client secret' }).getByText('A client secret is set.', { exact: false }).waitFor();
    await context.close();
  });

  it('signs a portal user into the application from its tile; the application shows their claims', async () => {
    const { page, context } = await signedInToPortal(env, people.ada.email);
    // The tile shows the icon its administrator gave it.
    await page.getByRole('navigation').getByRole('link', { name: 'Applications' }).click();
    expect(await page.getByTestId('app-tile').filter({ hasText: 'Team Wiki' }).locator('img').getAttribute('src')).toBe(`data:image/png;base64,${WIKI_ICON_PNG}`);
    const tab = await launchTile(page, context, 'Team Wiki');
    const claims = await claimsShown(tab, wiki.rp);
    expect(claims.email).toBe('ada@acme.test');
    expect(claims.name).toBe('Ada Lovelace');
    expect(claims.sub).toBe(people.ada.id);
    await context.close();
  });

  it('Back from the application after signing in does not ask for a sign-in again; the application asking for one (prompt=login) does', async () => {
    const { page, context } = await env.newPage();
    await page.goto(wiki.rp.loginUri);
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.has('returnTo'));
    await signInThroughPage(page, { email: people.ada.email, password: PASSWORD });
    expect((await claimsShown(page, wiki.rp)).email).toBe('ada@acme.test');
    await page.goBack();
    // The finished request cannot be answered twice: the page says it is completed, no sign-in form, and leads on.
    await page.waitForURL(/\/sso\/completed\//);
    await page.getByRole('heading', { level: 1, name: 'Sign-in already completed' }).waitFor();
    expect(await page.getByLabel(/^Email/).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Open Team Wiki' }).getAttribute('href')).toBe(wiki.rp.origin);
    await page.getByRole('link', { name: 'Back to the User Portal' }).click();
    await page.waitForURL(`${env.url}/`);
    await page.getByText('Team Wiki').first().waitFor();
    // A new sign-in from the application passes straight through the session it left.
    await page.goto(wiki.rp.loginUri);
    expect((await claimsShown(page, wiki.rp)).email).toBe('ada@acme.test');
    // Unless it asks for a fresh one (prompt=login): then User Login shows its form to the signed-in person.
    await page.goto(`${wiki.rp.loginUri}?prompt=login`);
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('reauth') === '1');
    await signInThroughPage(page, { email: people.ada.email, password: PASSWORD });
    expect((await claimsShown(page, wiki.rp)).email).toBe('ada@acme.test');
    await context.close();
  });

  it('a second tab on the same sign-in, signed in after the first finished it, says it is already completed and opens the application', async () => {
    const { page, context } = await env.newPage();
    await page.goto(wiki.rp.loginUri);
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.has('returnTo'));
    const second = await context.newPage();
    await second.goto(page.url());
    await signInThroughPage(page, { email: people.ada.email, password: PASSWORD });
    expect((await claimsShown(page, wiki.rp)).email).toBe('ada@acme.test');

    await second.bringToFront();
    await signInThroughPage(second, { email: people.ada.email, password: PASSWORD });
    await second.waitForURL(/\/sso\/completed\//);
    await second.getByRole('heading', { level: 1, name: 'Sign-in already completed' }).waitFor();
    await second.getByText('This sign-in to Team Wiki was already completed', { exact: false }).waitFor();
    expect(await second.getByText(/expired/).count()).toBe(0);
    expect(await seriousA11yViolations(second)).toEqual([]);
    // Its address as the tile opens it: the application starts a sign-in the session answers at once.
    await second.getByRole('link', { name: 'Open Team Wiki' }).click();
    expect((await claimsShown(second, wiki.rp)).email).toBe('ada@acme.test');
    // And in French.
    await second.goBack();
    await second.waitForURL(/\/sso\/completed\//);
    await second.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
    await second.getByRole('heading', { level: 1, name: 'Connexion déjà effectuée' }).waitFor();
    await second.getByRole('link', { name: 'Ouvrir Team Wiki' }).waitFor();
    await context.close();
  });

  it("fills User Login's Email from the application's login_hint, which the person can still change", async () => {
    const { page, context } = await env.newPage();
    await page.goto(`${wiki.rp.loginUri}?login_hint=${encodeURIComponent(people.ada.email)}`);
    await page.waitForURL((u) => u.pathname === '/login');
    await expect.poll(() => page.getByLabel(/^Email/).inputValue()).toBe(people.ada.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    expect((await claimsShown(page, wiki.rp)).email).toBe('ada@acme.test');
    await context.close();
  });

  it("shows User Login in the language the application asks for (ui_locales), unless this browser chose one", async () => {
    const { page, context } = await env.newPage();
    await page.goto(`${wiki.rp.loginUri}?ui_locales=${encodeURIComponent('de fr-CA')}`);
    await page.waitForURL((u) => u.pathname === '/login');
    await page.getByRole('heading', { name: 'Connexion utilisateur' }).waitFor();
    await page.getByLabel(/^E-mail/).fill(people.ada.email);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByLabel(/^Mot de passe/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Connexion' }).click();
    expect((await claimsShown(page, wiki.rp)).email).toBe('ada@acme.test');
    await context.close();

    // A choice made on this browser wins over the application's hint.
    const chosen = await env.newPage();
    await chosen.context.addCookies([{ name: 'tessera_lang', value: 'en', url: env.url }]);
    await chosen.page.goto(`${wiki.rp.loginUri}?ui_locales=fr`);
    await chosen.page.waitForURL((u) => u.pathname === '/login');
    await chosen.page.getByRole('heading', { name: 'User Login' }).waitFor();
    await chosen.context.close();
  });

  it('a sign-in request that expired while the person was away ends on a page that says so, in their language', async () => {
    const { page, context } = await signedInToPortal(env, people.ada.email);
    await page.goto(`${env.url}/api/oidc/interaction/expiredInteraction0`);
    await page.waitForURL(`${env.url}/sso/error?code=sso.interaction_not_found`);
    await page.getByRole('heading', { name: 'This sign-in request cannot continue' }).waitFor();
    await page.getByText('This sign-in request has expired or was already used. Go back to the application and start again.').waitFor();
    // What to do is said once; the line under it says who to tell.
    expect(await page.getByText(/Go back to the application/).count()).toBe(1);
    await page.getByText('If this keeps happening, tell your administrator.').waitFor();
    await page.getByRole('link', { name: 'Back to the User Portal' }).click();
    await page.waitForURL(`${env.url}/`);
    await context.close();
  });

  it('signs the person out of the application too when they log out of the portal (back-channel logout)', async () => {
    const { rp } = await seedOidcApp('Team Chat', (own) => ({ backchannelLogoutUri: own.backchannelUri }), people.ada);
    const { page, context } = await signedInToPortal(env, people.ada.email);
    const tab = await launchTile(page, context, 'Team Chat');
    expect((await claimsShown(tab, rp)).email).toBe('ada@acme.test');
    await tab.goto(rp.sessionUri);
    expect(await tab.getByRole('heading', { level: 1 }).textContent()).toBe('Still signed in to the test app');

    await page.bringToFront();
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
    await expect
      .poll(async () => {
        await tab.goto(rp.sessionUri);
        return tab.getByRole('heading', { level: 1 }).textContent();
      })
      .toBe('Signed out of the test app');
    await context.close();
  });

  it('hands the code to an application that asks for response_mode=form_post (a cross-site POST from Tessera)', async () => {
    const { rp } = await seedOidcApp('Team Forms', {}, people.ada, { formPost: true });
    const { page, context } = await signedInToPortal(env, people.ada.email);
    const shown = await claimsShown(await launchTile(page, context, 'Team Forms'), rp);
    expect(shown.email).toBe('ada@acme.test');
    await context.close();
  });

  it("the application's Log out signs the person out of Tessera after they confirm, and returns to the application", async () => {
    const { rp } = await seedOidcApp('Team Board', (own) => ({ postLogoutRedirectUris: [own.loggedOutUri] }), people.ada);
    const { page, context } = await signedInToPortal(env, people.ada.email);
    const tab = await launchTile(page, context, 'Team Board');
    expect((await claimsShown(tab, rp)).email).toBe('ada@acme.test');

    await tab.goto(rp.logoutUri);
    await tab.getByRole('heading', { name: 'Sign out of Tessera?' }).waitFor();
    await tab.getByRole('button', { name: 'Yes, sign me out' }).click();
    // Back at the application's own page, on its own origin (the browser followed the redirect).
    await tab.waitForURL(rp.loggedOutUri + '*');
    expect(await tab.getByRole('heading', { level: 1 }).textContent()).toBe('Back at the test app, signed out');
    // And Tessera's session is gone: the portal asks for User Login.
    await page.bringToFront();
    await page.goto(`${env.url}/`);
    await page.getByRole('heading', { name: 'User Login' }).waitFor();
    await context.close();
  });

  it('asks for the TOTP code first when the application requires MFA and the session has none', async () => {
    const { rp } = await seedOidcApp('Payroll', { mfaPolicy: { mode: 'mfa' } }, people.tom);
    const { page, context } = await signedInToPortal(env, people.tom.email, { bypassCSP: true });
    // The factor is set up after signing in, so this session has no MFA yet.
    await page.getByRole('navigation').getByRole('link', { name: 'Security' }).click();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByRole('button', { name: 'I Have An App' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await typeCode(page, totpCode(secret));
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByTestId('recovery-codes').waitFor();
    await page.getByRole('button', { name: 'I have saved my codes' }).click();
    await page.getByTestId('factor-row').filter({ hasText: 'Authenticator app' }).waitFor();

    // Declining the check tells the application (access_denied), rather than leaving it waiting.
    const declined = await launchTile(page, context, 'Payroll');
    await declined.waitForURL(/\/sso\/step-up\?returnTo=/);
    await declined.getByRole('button', { name: 'Cancel and return to the application' }).click();
    await declined.waitForURL((u) => u.href.startsWith(rp.callbackUri));
    expect(await declined.getByTestId('rp-error').textContent()).toBe('access_denied');
    await declined.close();

    const tab = await launchTile(page, context, 'Payroll');
    await tab.waitForURL(/\/sso\/step-up\?returnTo=/);
    await tab.getByRole('heading', { level: 1, name: 'Verify Your Identity' }).waitFor();
    await tab.getByText('The application you are opening asks for an extra check').waitFor();
    await tab.getByRole('textbox', { name: 'Enter Code' }).first().waitFor();
    expect(await seriousA11yViolations(tab)).toEqual([]);
    // A wrong code is refused and nothing reaches the application.
    await typeCode(tab, totpCode(secret, -3600));
    await tab.getByRole('button', { name: 'Submit' }).click();
    await tab.getByRole('alert').filter({ hasText: 'That code is not right. Try again.' }).waitFor();
    expect(tab.url()).toContain('/sso/step-up');
    // The next 30-second step: the set-up code itself is never accepted twice.
    await typeCode(tab, totpCode(secret, 30));
    await tab.getByRole('button', { name: 'Submit' }).click();
    const claims = await claimsShown(tab, rp);
    expect(claims.email).toBe('tom@acme.test');
    expect(JSON.parse(claims.amr)).toEqual(expect.arrayContaining(['otp', 'mfa']));
    await context.close();
  });

  it("shows a user who is not assigned to the application that they don't have access, and returns to it with access_denied", async () => {
    const { rp } = await seedOidcApp('Finance', {});
    const { page, context } = await signedInToPortal(env, people.ben.email, { bypassCSP: true });
    await page.goto(rp.loginUri);
    await page.waitForURL(/\/sso\/denied\?interaction=/);
    await page.getByRole('heading', { level: 1, name: "You don't have access to this application" }).waitFor();
    await page.getByText('ask your administrator').waitFor();
    expect(await page.getByRole('link', { name: 'Back to the User Portal' }).getAttribute('href')).toBe('/');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Return to the application' }).click();
    await page.waitForURL((u) => u.href.startsWith(rp.callbackUri));
    expect(await page.getByTestId('rp-error').textContent()).toBe('access_denied');
    await context.close();
  });

  it('asks for consent when the application wants it: Deny tells the application, Allow signs in and is remembered', async () => {
    const { rp } = await seedOidcApp('Survey Tool', { consent: 'explicit' }, people.ada);
    const { page, context } = await signedInToPortal(env, people.ada.email, { bypassCSP: true });
    await page.goto(rp.loginUri);
    await page.waitForURL(/\/sso\/consent\//);
    await page.getByRole('heading', { level: 1, name: 'Allow access?' }).waitFor();
    expect(await page.getByTestId('consent-app').textContent()).toBe('Survey Tool');
    const asked = await page.getByTestId('consent-scopes').getByRole('listitem').allTextContents();
    expect(asked).toEqual(['See your e-mail address', 'See your name and profile details', 'See the groups you belong to']);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL((u) => u.href.startsWith(rp.callbackUri));
    expect(await page.getByTestId('rp-error').textContent()).toBe('access_denied');

    await page.goto(rp.loginUri);
    await page.waitForURL(/\/sso\/consent\//);
    await page.getByRole('button', { name: 'Allow' }).click();
    expect((await claimsShown(page, rp)).email).toBe('ada@acme.test');

    // Remembered for this person and application: the next sign-in passes straight through.
    const visited: string[] = [];
    page.on('framenavigated', (f) => visited.push(f.url()));
    await page.goto(rp.loginUri);
    expect((await claimsShown(page, rp)).email).toBe('ada@acme.test');
    expect(visited.some((u) => u.includes('/sso/consent'))).toBe(false);

    // Taken back from Security: the application asks again next time.
    await page.goto(`${env.url}/security`);
    const allowedApps = page.getByRole('region', { name: 'Applications you allowed' });
    const row = allowedApps.getByTestId('consent-row').filter({ hasText: 'Survey Tool' });
    await row.getByText('See your e-mail address', { exact: false }).waitFor();
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Remove Survey Tool' }).click();
    await row.waitFor({ state: 'detached' });
    await page.goto(rp.loginUri);
    await page.waitForURL(/\/sso\/consent\//);
    await context.close();
  });

  it('Back from the consent question returns to it while it waits; after Allow, Back says the sign-in is completed, and an unknown question cannot continue', async () => {
    const cy = { ...(await env.seedUser({ email: 'cy@acme.test', orgs: [acme], firstName: 'Cy', lastName: 'Pollster' })), email: 'cy@acme.test' };
    const { rp } = await seedOidcApp('Poll Tool', { consent: 'explicit' }, cy);
    const { page, context } = await env.newPage();
    await page.goto(rp.loginUri);
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.has('returnTo'));
    await signInThroughPage(page, { email: cy.email, password: PASSWORD });
    await page.waitForURL(/\/sso\/consent\//);
    const question = page.url();
    await page.goBack();
    await page.waitForURL(question);
    await page.getByRole('button', { name: 'Allow' }).click();
    expect((await claimsShown(page, rp)).email).toBe('cy@acme.test');

    await page.goBack();
    await page.waitForURL(/\/sso\/completed\//);
    await page.getByRole('heading', { level: 1, name: 'Sign-in already completed' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Allow access?' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Open Poll Tool' }).getAttribute('href')).toBe(rp.origin);

    await page.goto(`${env.url}/sso/consent/unknownInteraction0`);
    await page.getByRole('heading', { level: 1, name: 'This sign-in request cannot continue' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Allow access?' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Back to the User Portal' }).click();
    await page.waitForURL(`${env.url}/`);
    await context.close();
  });

  it('lets a person with no second factor set one up and carry on into the application that asked', async () => {
    people.eve = { ...(await env.seedUser({ email: 'eve@acme.test', orgs: [acme], firstName: 'Eve', lastName: 'Newcomer' })), email: 'eve@acme.test' };
    const { rp } = await seedOidcApp('Ledger', { mfaPolicy: { mode: 'mfa' } }, people.eve);
    const { page, context } = await signedInToPortal(env, people.eve.email);
    await page.goto(rp.loginUri);
    await page.getByRole('link', { name: 'Go to Security' }).click();
    await page.getByText('An application is waiting').waitFor();
    expect(await page.getByRole('link', { name: 'Return to the application' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = await setUpAuthenticatorApp(page);
    // Wait for the recovery codes the set-up ends on; an Escape sent while Submit is still
    // pending closed nothing and left the dialog over the page.
    await page.getByRole('button', { name: 'I have saved my codes' }).click();
    await page.getByRole('link', { name: 'Return to the application' }).click();
    await page.waitForURL(/\/sso\/step-up/);
    await typeCode(page, totpCode(secret, 30));
    await page.getByRole('button', { name: 'Submit' }).click();
    expect((await claimsShown(page, rp)).email).toBe('eve@acme.test');
    await context.close();
  });

  it('tells a person with no second factor to set one up, in French too', async () => {
    const { rp } = await seedOidcApp('Vault', { mfaPolicy: { mode: 'mfa' } }, people.ben);
    const { page, context } = await signedInToPortal(env, people.ben.email);
    await page.goto(rp.loginUri);
    await page.waitForURL(/\/sso\/step-up/);
    await page.getByText('Set up a second factor first').waitFor();
    expect(await page.getByRole('link', { name: 'Go to Security' }).getAttribute('href')).toMatch(/^\/security\?continue=%2Fapi%2Foidc%2Finteraction%2F/);
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vérifiez votre identité' }).waitFor();
    await page.getByText('Configurez d\'abord un second facteur').waitFor();
    await context.close();
  });

  it('says a mangled sign-in link is damaged, not that fields need checking', async () => {
    const { page, context } = await env.newPage();
    await page.goto(`${env.url}/api/oidc/interaction/nope`);
    await page.waitForURL(/\/sso\/error\?code=request\.invalid/);
    expect(await page.getByTestId('sso-error').textContent()).toBe('This sign-in link is incomplete or damaged. Go back to the application and start again.');
    await context.close();
  });
});
