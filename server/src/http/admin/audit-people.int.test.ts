import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, type TestApp, type TestClient } from '../../../test/harness.ts';
import { auditEvents, memberships } from '../../db/schema/index.ts';

let t: TestApp;
let admin: TestClient;
let acme: Awaited<ReturnType<typeof seedOrg>>;

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedOrg(t, 'Acme');
  const globex = await seedOrg(t, 'Globex');
  await seedUser(t, { email: 'boss@acme.test', orgs: [acme], role: 'admin' });
  const gone = await seedUser(t, { email: 'gone@acme.test', orgs: [acme], firstName: 'Gaston', lastName: 'Départ' });
  const elsewhere = await seedUser(t, { email: 'gone-too@globex.test', orgs: [globex] });
  const quiet = await seedUser(t, { email: 'gone-quiet@acme.test', orgs: [acme] });
  await t.database.db.insert(auditEvents).values([
    { orgId: acme.id, actorUserId: gone.id, targetUserId: quiet.id, event: 'test.acted', outcome: 'success' },
    { orgId: globex.id, actorUserId: elsewhere.id, event: 'test.acted', outcome: 'success' },
  ]);
  // Gaston left: what he did here is still what an investigation looks for.
  await t.database.db.delete(memberships).where(and(eq(memberships.orgId, acme.id), eq(memberships.userId, gone.id)));
  admin = t.client();
  await admin.signIn('boss@acme.test', STRONG_PASSWORD, { portal: 'admin' });
});
afterAll(() => t.close());

describe('GET /api/admin/audit/people', () => {
  it('finds who acted here by e-mail or name, former members too, and no one from another organization', async () => {
    const byEmail = await admin.get('/api/admin/audit/people?as=actor&q=gone');
    expect(byEmail.statusCode).toBe(200);
    expect(byEmail.json().items.map((p: { email: string }) => p.email)).toEqual(['gone@acme.test']);
    expect((await admin.get('/api/admin/audit/people?as=actor&q=d%C3%A9part')).json().items).toHaveLength(1);
    expect((await admin.get('/api/admin/audit/people?as=target&q=gone')).json().items.map((p: { email: string }) => p.email)).toEqual(['gone-quiet@acme.test']);
  });

  it('refuses a bad role and non-administrators', async () => {
    expect((await admin.get('/api/admin/audit/people?as=someone')).json().error.code).toBe('request.invalid');
    const member = t.client();
    await seedUser(t, { email: 'plain@acme.test', orgs: [acme] });
    await member.signIn('plain@acme.test', STRONG_PASSWORD);
    expect((await member.get('/api/admin/audit/people?as=actor')).statusCode).toBe(403);
  });
});
