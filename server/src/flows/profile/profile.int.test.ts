import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, linkTokenFrom, mailsTo, type TestApp, type TestClient } from '../../../test/harness.ts';
import { updateOrgPolicies } from '../../domain/orgs/org-store.ts';
import { orgPoliciesSchema } from '../../domain/policies/org-policies.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof seedOrg>>;
let globex: Awaited<ReturnType<typeof seedOrg>>;

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedOrg(t, 'Acme');
  globex = await seedOrg(t, 'Globex', { profile: { personal: false } });
});
afterAll(() => t.close());

async function signedIn(email: string, orgs = [acme]): Promise<TestClient> {
  await seedUser(t, { email, orgs, firstName: 'Cheyenne', lastName: 'Brooks' });
  const c = t.client();
  await c.signIn(email, STRONG_PASSWORD, { org: orgs[0].slug });
  return c;
}

describe('Profile', () => {
  it('shows the three sections with the company e-mail, and saves each', async () => {
    const c = await signedIn('cbrooks@acme.test');
    const profile = (await c.get('/api/me/profile')).json();
    expect(profile.details).toEqual({ firstName: 'Cheyenne', lastName: 'Brooks', username: '', alternateEmail: '', companyEmail: 'cbrooks@acme.test' });
    expect(profile.editable).toEqual({ details: true, personal: true, employment: true });

    const details = await c.post('/api/me/profile/details', { firstName: 'Cheyenne', lastName: 'Brooks-Lee', username: 'cbrooks', alternateEmail: 'chey@home.test' });
    expect(details.json().details).toMatchObject({ lastName: 'Brooks-Lee', username: 'cbrooks', companyEmail: 'cbrooks@acme.test' });
    const personal = await c.post('/api/me/profile/personal', { workCell: '+1 (555) 010-2000', city: 'Boulder', zipCode: '80301', country: 'United States' });
    expect(personal.json().personal).toMatchObject({ workCell: '+1 (555) 010-2000', city: 'Boulder', homePhone: '' });
    const employment = await c.post('/api/me/profile/employment', { jobTitle: 'Engineer', department: 'R&D', manager: 'Grace Hopper' });
    expect(employment.json().employment).toMatchObject({ jobTitle: 'Engineer', department: 'R&D' });
    expect((await c.get('/api/session')).json().user.lastName).toBe('Brooks-Lee');
  });

  it('never lets the company e-mail change', async () => {
    const c = await signedIn('fixed@acme.test');
    await c.post('/api/me/profile/details', { firstName: 'A', lastName: 'B', companyEmail: 'evil@acme.test', email: 'evil@acme.test' });
    expect((await c.get('/api/me/profile')).json().details.companyEmail).toBe('fixed@acme.test');
  });

  it('validates fields with clear errors and saves nothing on error', async () => {
    const c = await signedIn('strict@acme.test');
    const res = await c.post('/api/me/profile/personal', { workPhone: 'call me maybe', zipCode: '<script>', city: 'x'.repeat(101) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['city', 'workPhone', 'zipCode']);
    expect((await c.get('/api/me/profile')).json().personal.city).toBe('');
    expect((await c.post('/api/me/profile/details', { firstName: 'A', alternateEmail: 'not-an-email' })).statusCode).toBe(400);
  });

  it('refuses a name that would break a line or turn the text around it, keeping the one it had', async () => {
    const c = await signedIn('plain@acme.test');
    expect((await c.post('/api/me/profile/details', { firstName: 'Ada', lastName: 'Plain' })).statusCode).toBe(200);
    for (const [firstName, message] of [['Ada\nAdmin: yes', 'must be on one line'], ['Ada\u202Enimda', 'contains control or text-direction characters']]) {
      const res = await c.post('/api/me/profile/details', { firstName, lastName: 'Plain' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual([expect.objectContaining({ path: 'firstName', message })]);
    }
    expect((await c.get('/api/me/profile')).json().details.firstName).toBe('Ada');
  });

  it('refuses a username taken in the same organization', async () => {
    const a = await signedIn('one@acme.test');
    const b = await signedIn('two@acme.test');
    expect((await a.post('/api/me/profile/details', { firstName: 'One', username: 'Same' })).statusCode).toBe(200);
    const clash = await b.post('/api/me/profile/details', { firstName: 'Two', username: 'same' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('user.username_taken');
  });

  it('refuses edits the organization disabled — in the API, not just the page', async () => {
    const c = await signedIn('locked@globex.test', [globex]);
    expect((await c.get('/api/me/profile')).json().editable).toEqual({ details: true, personal: false, employment: true });
    const res = await c.post('/api/me/profile/personal', { city: 'Paris' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('profile.read_only');
    expect((await c.post('/api/me/profile/employment', { jobTitle: 'Chef' })).statusCode).toBe(200);
    await updateOrgPolicies(t.database.db, globex.id, orgPoliciesSchema.parse({ profile: { details: false, personal: false, employment: false } }));
    expect((await c.post('/api/me/profile/employment', { jobTitle: 'Chef' })).statusCode).toBe(403);
  });

  it('keeps names and personal information locked in every organization when one of them locks them', async () => {
    const strict = await seedOrg(t, 'Strict', { profile: { details: true, personal: false, employment: true } });
    await seedUser(t, { email: 'lockedtwice@acme.test', orgs: [acme, strict] });
    const c = t.client();
    await c.signIn('lockedtwice@acme.test', STRONG_PASSWORD, { org: 'acme' });
    // Signed in to the open organization: the shared personal information is still locked.
    expect((await c.get('/api/me/profile')).json().editable).toEqual({ details: true, personal: false, employment: true });
    expect((await c.post('/api/me/profile/personal', { city: 'Paris' })).statusCode).toBe(403);
    expect((await c.post('/api/me/profile/employment', { jobTitle: 'Acme title' })).statusCode).toBe(200);
  });

  it("keeps employment per organization and never shows another organization's", async () => {
    await seedUser(t, { email: 'both@acme.test', orgs: [acme, globex] });
    const c = t.client();
    await c.signIn('both@acme.test', STRONG_PASSWORD, { org: 'acme' });
    await c.post('/api/me/profile/employment', { jobTitle: 'Acme title' });
    await c.post('/api/session/organization', { slug: 'globex' });
    expect((await c.get('/api/me/profile')).json().employment.jobTitle).toBe('');
  });

  it('uses a recovery e-mail only after it is confirmed through the link sent to it', async () => {
    const c = await signedIn('recover@acme.test');
    expect((await c.post('/api/me/recovery-email', { email: 'me@home.test' })).statusCode).toBe(202);
    expect((await c.get('/api/me/profile')).json().recoveryEmail).toEqual({ address: null, pending: 'me@home.test' });
    const [mail] = await mailsTo(t, 'me@home.test');
    expect(mail.template).toBe('recovery_email_confirm');
    const token = await linkTokenFrom(t, 'me@home.test', '/confirm-recovery-email');
    expect((await t.client().post('/api/auth/recovery-email/confirm', { token })).json()).toEqual({ email: 'me@home.test' });
    expect((await c.get('/api/me/profile')).json().recoveryEmail).toEqual({ address: 'me@home.test', pending: null });
    expect((await t.client().post('/api/auth/recovery-email/confirm', { token })).json().error.code).toBe('token.invalid');
  });

  it("refuses the account's own address as its recovery e-mail, in any case, and keeps nothing pending", async () => {
    const c = await signedIn('own@acme.test');
    const same = await c.post('/api/me/recovery-email', { email: 'OWN@Acme.test' });
    expect(same.statusCode).toBe(422);
    expect(same.json().error.code).toBe('recovery_email.same_as_account');
    expect((await c.get('/api/me/profile')).json().recoveryEmail).toEqual({ address: null, pending: null });
    expect(await mailsTo(t, 'OWN@Acme.test')).toHaveLength(0);
  });

  it('removes a recovery e-mail: reset links stop going there, and the address is told', async () => {
    const c = await signedIn('drop@acme.test');
    await c.post('/api/me/recovery-email', { email: 'drop@home.test' });
    await t.client().post('/api/auth/recovery-email/confirm', { token: await linkTokenFrom(t, 'drop@home.test', '/confirm-recovery-email') });
    expect((await c.delete('/api/me/recovery-email')).statusCode).toBe(204);
    expect((await c.get('/api/me/profile')).json().recoveryEmail).toEqual({ address: null, pending: null });
    expect((await mailsTo(t, 'drop@home.test')).map((m) => m.template).sort()).toEqual(['recovery_email_confirm', 'recovery_email_removed']);
    await t.client().post('/api/auth/password-reset', { email: 'drop@acme.test' });
    expect((await mailsTo(t, 'drop@home.test')).map((m) => m.template)).not.toContain('password_reset');
    // Nothing left to remove: still 204, nothing mailed again.
    expect((await c.delete('/api/me/recovery-email')).statusCode).toBe(204);
    expect(await mailsTo(t, 'drop@home.test')).toHaveLength(2);
  });
});
