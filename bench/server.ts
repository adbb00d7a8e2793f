/**
 * The server under test, started by run.ts under `taskset -c 1`: a fresh Tessera on loopback with
 * seeded users, at the argon2 parameters named on the command line. Prints {"port":…} when ready.
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
import { PARAMS, PASSWORD, USERS, type ParamsName } from './scenario.ts';

const params = PARAMS[(process.argv[2] ?? 'ours') as ParamsName];
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
  await addMembership(db, { orgId: org.id, userId: user.id });
}
const address = running.app.server.address() as { port: number };
process.stdout.write(JSON.stringify({ port: address.port, domain: `${org.slug}.test` }) + '\n');
process.on('SIGTERM', () => void running.stop().then(() => process.exit(0)));
