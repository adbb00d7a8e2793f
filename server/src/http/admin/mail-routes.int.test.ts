import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, type TestApp, type TestClient } from '../../../test/harness.ts';
import { mailOutbox } from '../../db/schema/index.ts';

let t: TestApp;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  const acme = await seedOrg(t, 'Acme');
  const other = await seedOrg(t, 'Other');
  await seedUser(t, { email: 'admin@acme.test', orgs: [acme], role: 'admin' });
  await seedUser(t, { email: 'admin@other.test', orgs: [other], role: 'admin' });
  admin = t.client();
  await admin.signIn('admin@acme.test', STRONG_PASSWORD, { portal: 'admin' });
});
afterAll(() => t.close());

describe('admin e-mail', () => {
  it('tells how mail leaves and queues a test mail to the administrator', async () => {
    expect((await admin.get('/api/admin/mail/status')).json()).toEqual({ transport: 'log', from: 'Tessera <no-reply@localhost>' });
    expect((await admin.post('/api/admin/mail/test', {})).json()).toEqual({ to: 'admin@acme.test' });
    const outbox = (await admin.get('/api/admin/mail/outbox')).json().items;
    expect(outbox[0]).toMatchObject({ to: 'admin@acme.test', subject: 'Tessera test e-mail', status: 'queued' });
    expect(Object.keys(outbox[0])).not.toContain('text');
  });

  it('shows only its own organization, never bodies, and retries a failed mail', async () => {
    await admin.post('/api/admin/invitations', { email: 'new@acme.test' });
    const [invite] = (await admin.get('/api/admin/mail/outbox')).json().items.filter((m: { to: string }) => m.to === 'new@acme.test');
    expect(JSON.stringify(invite)).not.toContain('#token=');
    await t.database.db.update(mailOutbox).set({ status: 'failed', lastError: 'connect ECONNREFUSED' }).where(eq(mailOutbox.id, invite.id));
    expect((await admin.get('/api/admin/mail/outbox?status=failed')).json().items).toMatchObject([{ id: invite.id, lastError: 'connect ECONNREFUSED' }]);

    const outsider = t.client();
    await outsider.signIn('admin@other.test', STRONG_PASSWORD, { portal: 'admin' });
    expect((await outsider.get('/api/admin/mail/outbox')).json().items).toEqual([]);
    expect((await outsider.post(`/api/admin/mail/outbox/${invite.id}/retry`, {})).statusCode).toBe(404);

    expect((await admin.post(`/api/admin/mail/outbox/${invite.id}/retry`, {})).statusCode).toBe(204);
    const [row] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.id, invite.id));
    expect(row.status).toBe('queued');
  });
});
