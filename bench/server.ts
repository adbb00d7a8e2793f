/**
 * The server under test, started by run.ts under `taskset -c 1`: a fresh Tessera on loopback with
 * seeded users, at the argon2 parameters named on the command line. Prints {"port","domain","pid"} when ready.
 * Mode `oidc` (S2/S3): our parameters, on a known free port with PUBLIC_URL pointing at it (the
 * issuer comes from PUBLIC_URL), plus a machine application (client_credentials) and a web one
 * (code + refresh) assigned to bench1, a plain member; its ready line adds their credentials.
 */
import { loadConfig } from '../server/src/config.ts';
import { startTessera } from '../server/src/main.ts';
import { createLogger } from '../server/src/logger.ts';
import { createOrg } from '../server/src/domain/orgs/org-store.ts';
import { addMembership, createUser } from '../server/src/domain/users/user-store.ts';
import { hashPassword } from '../server/src/domain/credentials/password-hash.ts';
import { createOidcApp } from '../server/src/flows/admin/oidc-apps.ts';
import { assignApp } from '../server/src/domain/apps/app-store.ts';
import { sql } from 'drizzle-orm';
import { OIDC_CALLBACK, PARAMS, PASSWORD, SEARCH_MEMBERS, USERS, type ParamsName } from './scenario.ts';
import { freePort } from '../server/test/free-port.ts';

const mode = process.argv[2] ?? 'ours';
const params = PARAMS[(mode === 'search' || mode === 'oidc' ? 'ours' : mode) as ParamsName];

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR is not set: start this server with startBenchServer (bench/start-bench-server.ts)');

// The OIDC issuer must know its port before the server listens.
const fixedPort = mode === 'oidc' ? await freePort() : 0;
const config = loadConfig({
  PORT: String(fixedPort),
  ...(mode === 'oidc' ? { PUBLIC_URL: `http://localhost:${fixedPort}` } : {}),
  // Made, and removed once this process has ended, by start-bench-server.ts.
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  TRUST_PROXY: '127.0.0.1',
  ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
});
const running = await startTessera(config, { argon2: params, logger: createLogger('silent', false), printSetupLink: false });
const db = running.database.db;
const org = await createOrg(db, { name: `Bench ${Date.now()}` });
const hash = await hashPassword(PASSWORD, params);
const userIds: string[] = [];
for (let i = 0; i < USERS; i++) {
  const user = await createUser(db, { email: `bench${i}@${org.slug}.test`, passwordHash: hash, emailVerified: true });
  await addMembership(db, { orgId: org.id, userId: user.id, role: i === 0 ? 'admin' : 'member' });
  userIds.push(user.id);
}
if (mode === 'search') await seedMembers(SEARCH_MEMBERS);
const oidc = mode === 'oidc' ? await seedOidcApps() : undefined;

/** S2/S3: one machine client and one web client (assigned to bench1, a plain member), as an admin would create them. */
async function seedOidcApps() {
  const deps = { db, publicUrl: config.publicUrl, argon2: params, masterKey: running.masterKey, mailQueued: () => {}, ctx: { ip: '127.0.0.1', userAgent: 'bench' }, memo: new Map() };
  const admin = { orgId: org.id, adminId: null };
  const machine = await createOidcApp(admin, { name: 'Bench machine', kind: 'machine', redirectUris: [] }, deps);
  const web = await createOidcApp(admin, { name: 'Bench web', kind: 'web', redirectUris: [OIDC_CALLBACK] }, deps);
  await assignApp(db, web.id, { userId: userIds[1] });
  return {
    publicUrl: config.publicUrl,
    email: `bench1@${org.slug}.test`,
    machine: { clientId: machine.clientId, clientSecret: machine.clientSecret! },
    web: { clientId: web.clientId, clientSecret: web.clientSecret!, redirectUri: OIDC_CALLBACK },
  };
}

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
process.stdout.write(JSON.stringify({ port: address.port, domain: `${org.slug}.test`, pid: process.pid, ...(oidc ? { oidc } : {}) }) + '\n');
process.on('SIGTERM', () => void running.stop().then(() => process.exit(0)));
