/**
 * The server under test, started by run.ts under `taskset -c 1`: a fresh Tessera on loopback with
 * seeded users, at the argon2 parameters named on the command line. Prints {"port","domain","pid"} when ready.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/src/config.ts';
import { startTessera } from '../server/src/main.ts';
import { createLogger } from '../server/src/logger.ts';
import { createOrg } from '../server/src/domain/orgs/org-store.ts';
import { addMembership, createUser } from '../server/src/domain/users/user-store.ts';
import { hashPassword } from '../server/src/domain/credentials/password-hash.ts';
import { sql } from 'drizzle-orm';
import { PARAMS, PASSWORD, SEARCH_MEMBERS, USERS, type ParamsName } from './scenario.ts';

const mode = process.argv[2] ?? 'ours';
const params = PARAMS[(mode === 'search' ? 'ours' : mode) as ParamsName];
const config = loadConfig({
  PORT: '0',
  DATA_DIR: mkdtempSync(path.join(tmpdir(), 'tessera-bench-')),
  LOG_LEVEL: 'silent',
  TRUST_PROXY: '127.0.0.1',
  ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
});
const running = await startTessera(config, { argon2: params, logger: createLogger('silent', false), printSetupLink: false });
const db = running.database.db;
const org = await createOrg(db, { name: `Bench ${Date.now()}` });
const hash = await hashPassword(PASSWORD, params);
for (let i = 0; i < USERS; i++) {
  const user = await createUser(db, { email: `bench${i}@${org.slug}.test`, passwordHash: hash });
  await addMembership(db, { orgId: org.id, userId: user.id, role: i === 0 ? 'admin' : 'member' });
}
if (mode === 'search') await seedMembers(SEARCH_MEMBERS);

/** S8: a large organization, seeded in two statements (names vary so that searches find few rows). */
async function seedMembers(n: number) {
  await db.execute(sql`
    insert into users (email, email_canonical, first_name, last_name)
    select 'member' || i || '@' || ${org.slug} || '.test', 'member' || i || '@' || ${org.slug} || '.test',
      (array['Ada','Grace','Alan','Edsger','Barbara','Donald','Ken','Margaret','Linus','Radia'])[1 + i % 10],
      'Surname' || substr(md5(i::text), 1, 8)
    from generate_series(1, ${n}) i`);
  await db.execute(sql`
    insert into memberships (org_id, user_id, username)
    select ${org.id}, u.id, 'm' || substr(md5(u.id::text), 1, 10) from users u where u.email_canonical like ${`member%@${org.slug}.test`}`);
  await db.execute(sql`analyze users; analyze memberships`);
}
const address = running.app.server.address() as { port: number };
// run.ts reads this process's CPU time and memory from /proc/<pid>.
process.stdout.write(JSON.stringify({ port: address.port, domain: `${org.slug}.test`, pid: process.pid }) + '\n');
process.on('SIGTERM', () => void running.stop().then(() => process.exit(0)));
