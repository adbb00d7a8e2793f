import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, type TestApp, type TestClient } from '../../../test/harness.ts';
import { rowsOf } from '../../domain/lockout/lockout-store.ts';

let t: TestApp;
let admin: TestClient;
let acmeId: string;
let ann: string;
let bob: string;
const N = 1234;
const BASE = Date.parse('2030-01-01T00:00:00Z');

type Event = { id: string; at: string; event: string; outcome: string; actorUserId: string | null; targetUserId: string | null; orgId: string };

beforeAll(async () => {
  t = await createTestApp();
  const acme = await seedOrg(t, 'Acme');
  const other = await seedOrg(t, 'Other');
  acmeId = acme.id;
  await seedUser(t, { email: 'admin@acme.test', orgs: [acme], role: 'admin' });
  ann = (await seedUser(t, { email: 'ann@acme.test', orgs: [acme] })).id;
  bob = (await seedUser(t, { email: 'bob@acme.test', orgs: [acme] })).id;
  // N events one second apart in the future (after any real event), pairs sharing a timestamp so
  // the id must break ties; the other organization's rows interleave with them.
  await t.database.db.execute(sql`
    insert into audit_events (org_id, at, event, outcome, actor_user_id, target_user_id, ip, user_agent, details)
    select ${acme.id}::uuid, ${new Date(BASE).toISOString()}::timestamptz + ((g / 2) * interval '1 second'),
      case when g % 3 = 0 then 'test.alpha' else 'test.beta' end,
      case when g % 4 = 0 then 'failure' else 'success' end,
      case when g % 2 = 0 then ${ann}::uuid else ${bob}::uuid end,
      case when g % 5 = 0 then ${bob}::uuid else null end,
      '192.0.2.1', case when g = 7 then '=cmd|calc' else 'tests' end, '{}'::jsonb
    from generate_series(1, ${N}) g`);
  await t.database.db.execute(sql`
    insert into audit_events (org_id, at, event, outcome, ip, user_agent)
    select ${other.id}::uuid, ${new Date(BASE).toISOString()}::timestamptz + (g * interval '1 second'), 'test.alpha', 'success', '198.51.100.9', 'other'
    from generate_series(1, 50) g`);
  admin = t.client();
  await admin.signIn('admin@acme.test', STRONG_PASSWORD, { portal: 'admin' });
});
afterAll(() => t.close());

async function count(where: ReturnType<typeof sql>) {
  return rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from audit_events where org_id = ${acmeId} and ${where}`))[0].n;
}

async function all(query: string): Promise<Event[]> {
  const items: Event[] = [];
  let cursor: string | null = null;
  do {
    const res = await admin.get(`/api/admin/audit?limit=500${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    items.push(...res.json().items);
    cursor = res.json().nextCursor;
  } while (cursor);
  return items;
}

describe('audit log', () => {
  it('pages through every event of the organization once, newest first', async () => {
    const items = await all('');
    expect(items).toHaveLength(await count(sql`true`));
    expect(new Set(items.map((e) => e.id)).size).toBe(items.length);
    expect(items.every((e) => e.orgId === acmeId)).toBe(true);
    const times = items.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    const oldestFirst = await all('&sort=at');
    expect(oldestFirst.map((e) => e.id)).toEqual(items.map((e) => e.id).reverse());
  });

  it('names who acted and whom it concerned by their e-mail', async () => {
    const targeted = await all(`&target=${bob}`);
    expect(targeted.length).toBeGreaterThan(0);
    expect(targeted.every((e) => (e as Event & { targetEmail: string }).targetEmail === 'bob@acme.test')).toBe(true);
    expect(targeted.some((e) => (e as Event & { actorEmail: string }).actorEmail === 'ann@acme.test')).toBe(true);
  });

  it('filters by actor, target, event, outcome and time range', async () => {
    expect(await all(`&actor=${ann}`)).toHaveLength(await count(sql`actor_user_id = ${ann}`));
    const targeted = await all(`&target=${bob}&outcome=failure`);
    expect(targeted.length).toBe(await count(sql`target_user_id = ${bob} and outcome = 'failure'`));
    expect(targeted.every((e) => e.targetUserId === bob && e.outcome === 'failure')).toBe(true);
    expect(await all('&event=test.alpha')).toHaveLength(await count(sql`event = 'test.alpha'`));
    // A name finds its family, and only it: "test" finds test.alpha and test.beta; "tes" and "test_" nothing.
    expect(await all('&event=test')).toHaveLength(await count(sql`event like 'test.%'`));
    expect(await all('&event=tes')).toHaveLength(0);
    expect(await all('&event=test_')).toHaveLength(0);
    const from = new Date(BASE + 100_000).toISOString();
    const to = new Date(BASE + 199_000).toISOString();
    const window = await all(`&from=${from}&to=${to}`);
    expect(window).toHaveLength(200); // seconds 100..199 inclusive, two events each
    expect(window.every((e) => e.at >= from && e.at <= to)).toBe(true);
    expect((await admin.get('/api/admin/audit?from=yesterday')).statusCode).toBe(400);
    expect((await admin.get('/api/admin/audit?actor=ann@acme.test')).json().error.code).toBe('request.invalid');
  });

  it('exports every matching row as CSV, well past 500, defused against formula injection', async () => {
    const csv = await admin.get('/api/admin/audit.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    const lines = csv.body.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('at,event,outcome,actor_user_id,actor_email,target_user_id,target_email,concerning,ip,user_agent,details');
    // Who acted and whom it concerned, by e-mail too.
    expect(lines.some((l) => l.includes(`,${ann},ann@acme.test,${bob},bob@acme.test,`))).toBe(true);
    expect(lines.length - 1).toBe(await count(sql`true`));
    expect(lines.length - 1).toBeGreaterThan(N);
    expect(new Set(lines.slice(1)).size).toBe(lines.length - 1);
    expect(csv.body).toContain("'=cmd|calc");
    expect(csv.body).not.toMatch(/,=cmd/);
    expect(csv.body).not.toContain('198.51.100.9');

    const failures = (await admin.get(`/api/admin/audit.csv?outcome=failure&actor=${ann}`)).body.split('\r\n').filter(Boolean);
    expect(failures.length - 1).toBe(await count(sql`outcome = 'failure' and actor_user_id = ${ann}`));
    expect(failures.length - 1).toBeGreaterThan(0);
  });

  it('answers members 403 and refuses bad filters with 400', async () => {
    const member = t.client();
    await member.signIn('ann@acme.test', STRONG_PASSWORD);
    expect((await member.get('/api/admin/audit.csv')).statusCode).toBe(403);
    expect((await admin.get('/api/admin/audit.csv?outcome=maybe')).statusCode).toBe(400);
    expect((await admin.get('/api/admin/audit?limit=501')).statusCode).toBe(400);
  });
});
