import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, mailsTo, type TestApp, type TestClient } from '../../../test/harness.ts';

let t: TestApp;
let admin: TestClient;
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

beforeAll(async () => {
  t = await createTestApp();
  const acme = await seedOrg(t, 'Acme Corp');
  await seedUser(t, { email: 'admin@acme.test', orgs: [acme], role: 'admin' });
  admin = t.client();
  await admin.signIn('admin@acme.test', STRONG_PASSWORD, { portal: 'admin' });
});
afterAll(() => t.close());

describe('branding', () => {
  it('takes a logo up to the schema’s cap, past the default body limit', async () => {
    const logo = `data:image/png;base64,iVBORw0KGgo${'A'.repeat(140_000)}`;
    expect((await admin.post('/api/admin/branding', { logo })).statusCode).toBe(200);
    expect((await t.client().get('/api/branding')).json().logo).toBe(logo);
    expect((await admin.post('/api/admin/branding', { logo: null })).statusCode).toBe(200);
  });

  it('shows the only organization on the login page, and uses its name and colour in invitations', async () => {
    expect((await t.client().get('/api/branding')).json()).toEqual({ name: 'Acme Corp', logo: null, accentColor: null });
    const saved = await admin.post('/api/admin/branding', { displayName: 'ACME Identity', logo: PNG, accentColor: '#2b8a3e' });
    expect(saved.statusCode).toBe(200);
    expect((await t.client().get('/api/branding')).json()).toEqual({ name: 'ACME Identity', logo: PNG, accentColor: '#2b8a3e' });
    await admin.post('/api/admin/invitations', { email: 'brand@acme.test' });
    const [mail] = await mailsTo(t, 'brand@acme.test');
    expect(mail.html).toContain('background:#2b8a3e');
    expect(mail.html).toContain('ACME Identity');
  });

  it('refuses SVG logos and bad colours, changing nothing', async () => {
    const svg = await admin.post('/api/admin/branding', { logo: 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=' });
    expect(svg.statusCode).toBe(400);
    const colour = await admin.post('/api/admin/branding', { accentColor: 'red;background:url(x)' });
    expect(colour.statusCode).toBe(400);
    expect((await admin.get('/api/admin/branding')).json().accentColor).toBe('#2b8a3e');
  });

  it('names nobody when several organizations exist and none is asked for', async () => {
    await seedOrg(t, 'Second');
    expect((await t.client().get('/api/branding')).json().name).toBeNull();
    expect((await t.client().get('/api/branding?org=acme-corp')).json().name).toBe('ACME Identity');
  });
});
