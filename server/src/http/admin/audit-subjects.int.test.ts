import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, type TestApp, type TestClient } from '../../../test/harness.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import type { AuditEventName } from '../../../../contract/audit-events.ts';
import { createGroup } from '../../domain/groups/group-store.ts';

// The audit log says which application, group or API key an event is about, by name (QA: only ids).
let t: TestApp;
let admin: TestClient;
let orgId: string;

type Row = { event: string; subjects: string[]; targetEmail: string | null };
const rows = async () => (await admin.get('/api/admin/audit?limit=500')).json().items as Row[];
const subjectsOf = async (event: string) => (await rows()).filter((r) => r.event === event).map((r) => r.subjects);

beforeAll(async () => {
  t = await createTestApp();
  const acme = await seedOrg(t, 'Acme');
  orgId = acme.id;
  await seedUser(t, { email: 'admin@acme.test', orgs: [acme], role: 'admin' });
  admin = t.client();
  await admin.signIn('admin@acme.test', STRONG_PASSWORD, { portal: 'admin' });
});
afterAll(() => t.close());

describe('audit log: what an event concerns', () => {
  it('names the application, the group and the API key, as they are called now', async () => {
    const app = (await admin.post('/api/admin/apps', { name: 'Wiki', url: 'https://wiki.example.test/' })).json();
    const group = (await admin.post('/api/admin/groups', { name: 'Engineering' })).json();
    expect((await admin.post(`/api/admin/apps/${app.id}/assignments`, { groupId: group.id })).statusCode).toBe(204);
    expect(await subjectsOf('app.assigned')).toEqual([['Wiki', 'Engineering']]);
    expect((await admin.post(`/api/admin/groups/${group.id}`, { name: 'Platform' })).statusCode).toBe(204);
    // The name it has now: the event is about that group, whatever it was called then.
    expect(await subjectsOf('group.created')).toEqual([['Platform']]);
    const key = (await admin.post('/api/admin/api-keys', { name: 'CI deploy' })).json();
    expect((await admin.delete(`/api/admin/api-keys/${key.id}`)).statusCode).toBe(204);
    expect(await subjectsOf('api_key.revoked')).toEqual([['CI deploy']]);
  });

  it('keeps the name it had once the group is gone, and names nothing for an id that is not ours', async () => {
    const group = (await admin.post('/api/admin/groups', { name: 'Temporary' })).json();
    expect((await admin.delete(`/api/admin/groups/${group.id}`)).statusCode).toBe(204);
    expect(await subjectsOf('group.deleted')).toEqual([['Temporary']]);
    // Another organization's group, and an id that is no uuid: no name, and no error.
    const other = await seedOrg(t, 'Other');
    const theirs = await createGroup(t.database.db, other.id, 'Theirs');
    await recordAudit(t.database.db, { ip: '', userAgent: '' }, { event: 'test.foreign' as AuditEventName, outcome: 'success', orgId, details: { groupId: theirs.id, appId: 'not-a-uuid' } });
    expect(await subjectsOf('test.foreign')).toEqual([[]]);
  });

  it('has the names in the CSV export', async () => {
    const csv = (await admin.get('/api/admin/audit.csv?event=app')).body;
    expect(csv.split('\r\n')[0]).toContain('target_email,concerning,ip');
    expect(csv).toContain('Wiki; Platform');
  });
});
