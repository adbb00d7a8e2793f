import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { startTessera, type Running } from '../main.ts';
import { auditEvents, mailOutbox, memberships, mfaFactors, orgs } from '../db/schema/index.ts';
import { findUserByEmail } from '../domain/users/user-store.ts';
import { openDatabase } from '../db/open.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import { freePort } from '../../test/free-port.ts';

const bin = path.resolve(import.meta.dirname, '../../../bin/tessera.mjs');
const STRONG = 'correct-Horse-battery-42';

type Outcome = { code: number | null; stdout: string; stderr: string };

/** The real command in its own process, with only the environment given (never the test's DATABASE_URL). */
function tessera(args: string[], env: Record<string, string>, stdin = ''): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'tessera-cli-'));

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}


// Temporary directories are made in beforeAll: a skipped suite runs no afterAll to remove them.
describe('tessera CLI on a stopped embedded database', () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dataDir = tempDir();
    env = { DATA_DIR: dataDir, PUBLIC_URL: 'http://localhost:3999' };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('sets up the first organization with TESSERA_ADMIN_PASSWORD, past a stale server.json', async () => {
    // A server that crashed leaves server.json behind; its pid is gone, so the CLI opens the database itself.
    writeFileSync(path.join(dataDir, 'server.json'), JSON.stringify({ url: 'http://127.0.0.1:9', pid: deadPid() }));
    const res = await tessera(['setup', '--org-name', 'First Org', '--admin-email', 'admin@example.com'], { ...env, TESSERA_ADMIN_PASSWORD: STRONG });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Created organization "First Org" (first-org) with administrator admin@example.com.');
    expect(res.stdout).toContain('Sign in at http://localhost:3999/admin/login');
    expect(existsSync(path.join(dataDir, 'database.lock'))).toBe(false);
  });

  it('adds an organization with the kebab-case slug, and refuses the same one twice', async () => {
    const first = await tessera(['org', 'add', '--name', 'Acme Corp'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('Created organization "Acme Corp" (acme-corp).\n');

    const again = await tessera(['org', 'add', '--name', 'Acme Corp'], env);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe('Error: An organization with the slug "acme-corp" already exists.\n');

    const database = await openDatabase({ dataDir });
    try {
      const rows = await database.db.select({ slug: orgs.slug }).from(orgs);
      expect(rows.map((r) => r.slug).sort()).toEqual(['acme-corp', 'first-org']);
    } finally {
      await database.close();
    }
  });

  it('rotates the signing keys, saying the new ones are used when Tessera starts (no server runs)', async () => {
    const res = await tessera(['keys', 'rotate'], env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^New signing keys \(ES256, RS256\) are in use\./);
    expect(res.stdout).toContain('Tessera is not running: it signs with them when it starts.');
    expect(res.stdout).not.toContain('within a minute');
  });

  it('refuses setup without a password when nobody can be asked', async () => {
    const res = await tessera(['setup', '--org-name', 'Other', '--admin-email', 'other@example.com'], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('Error: Set TESSERA_ADMIN_PASSWORD, or run setup in a terminal to be asked for the password.\n');
  });
});

describe('tessera CLI while the server runs on the embedded database', () => {
  let dataDir: string;
  let running: Running;
  let publicUrl: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = tempDir();
    const port = await freePort();
    publicUrl = `http://localhost:${port}`;
    env = { DATA_DIR: dataDir, PUBLIC_URL: publicUrl, PORT: String(port) };
    running = await startTessera(loadConfig({ ...env, LOG_LEVEL: 'silent' }), { logger: createLogger('silent', false), printSetupLink: false });
  });
  afterAll(async () => {
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the local credential readable by its owner alone', () => {
    expect(statSync(path.join(dataDir, 'cli.token')).mode & 0o777).toBe(0o600);
  });

  it('adds a user with --password-stdin through the local API, who can then sign in', async () => {
    expect((await tessera(['org', 'add', '--name', 'Acme Corp'], env)).code).toBe(0);
    const res = await tessera(['user', 'add', '--org', 'acme-corp', '--email', 'ada@example.com', '--first', 'Ada', '--last', 'Lovelace', '--password-stdin'], env, `${STRONG}\n`);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('Created ada@example.com in acme-corp as member.\n');

    // Through the API the audit row carries the loopback address; opened directly it would say "cli".
    const user = await findUserByEmail(running.database.db, 'ada@example.com');
    const [audit] = await running.database.db.select().from(auditEvents).where(eq(auditEvents.targetUserId, user!.id));
    expect(audit).toMatchObject({ event: 'user.created', userAgent: 'tessera-cli' });
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1']).toContain(audit.ip);

    // The trailing newline from stdin is not part of the password.
    const headers = { origin: publicUrl, 'content-type': 'application/json' };
    const start = await fetch(`${publicUrl}/api/auth/sign-in`, { method: 'POST', headers, body: JSON.stringify({ email: 'ada@example.com', portal: 'user' }) });
    expect(start.status).toBe(200);
    const cookie = start.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    expect(cookie).toMatch(/tessera_flow=/);
    const done = await fetch(`${publicUrl}/api/auth/sign-in/password`, { method: 'POST', headers: { ...headers, cookie }, body: JSON.stringify({ password: STRONG }) });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ step: 'done' });
  });

  it('refuses a weak password from stdin and creates nobody', async () => {
    const res = await tessera(['user', 'add', '--org', 'acme-corp', '--email', 'weak@example.com', '--password-stdin'], env, 'short\n');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^Error: The password does not meet the requirements: too short/);
    expect(await findUserByEmail(running.database.db, 'weak@example.com')).toBeUndefined();
  });

  it('adds a membership when the e-mail already has an account', async () => {
    expect((await tessera(['org', 'add', '--name', 'Globex', '--slug', 'globex'], env)).code).toBe(0);
    const res = await tessera(['user', 'add', '--org', 'globex', '--email', 'ada@example.com', '--admin'], env);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('Added ada@example.com (existing account) to globex as admin.\n');
  });

  it('refuses a password for an address that already has an account, and adds no membership', async () => {
    expect((await tessera(['org', 'add', '--name', 'Initech', '--slug', 'initech'], env)).code).toBe(0);
    const before = await findUserByEmail(running.database.db, 'ada@example.com');
    const res = await tessera(['user', 'add', '--org', 'initech', '--email', 'ada@example.com', '--password-stdin'], env, 'another-Horse-battery-7\n');
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe('Error: ada@example.com already has a Tessera account, and adding it to initech does not change its password. Run the command again without --password-stdin: the person signs in with the password they have.\n');
    const [initech] = await running.database.db.select().from(orgs).where(eq(orgs.slug, 'initech'));
    expect(await running.database.db.select().from(memberships).where(eq(memberships.orgId, initech.id))).toEqual([]);
    expect((await findUserByEmail(running.database.db, 'ada@example.com'))?.passwordHash).toBe(before?.passwordHash);
  });

  it('says there is nothing to reset for a person without second factors, and neither audits nor mails it', async () => {
    const ada = await findUserByEmail(running.database.db, 'ada@example.com');
    const res = await tessera(['user', 'reset-mfa', '--email', 'ada@example.com'], env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('ada@example.com has no second factors: there was nothing to reset, and no e-mail was sent.\n');
    expect(await running.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'mfa.reset'), eq(auditEvents.targetUserId, ada!.id)))).toEqual([]);
    expect(await running.database.db.select().from(mailOutbox).where(and(eq(mailOutbox.to, 'ada@example.com'), eq(mailOutbox.template, 'mfa_reset')))).toEqual([]);
  });

  it('resets a person\'s second factors through the running server, audited in each of their organizations', async () => {
    const ada = await findUserByEmail(running.database.db, 'ada@example.com');
    await running.database.db.insert(mfaFactors).values({ userId: ada!.id, type: 'totp', name: 'Phone', confirmedAt: new Date(), totpSecretSealed: 'sealed' });
    const res = await tessera(['user', 'reset-mfa', '--email', 'ada@example.com'], env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Removed 1 second factor\(s\) of ada@example\.com\. They were told by e-mail/);
    const rows = await running.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'mfa.reset'), eq(auditEvents.targetUserId, ada!.id)));
    expect(rows.map((r) => r.orgId)).toHaveLength(2);
    expect(rows[0]).toMatchObject({ userAgent: 'tessera-cli', details: { via: 'cli', removed: 1 } });
    expect(await running.database.db.select().from(mailOutbox).where(and(eq(mailOutbox.to, 'ada@example.com'), eq(mailOutbox.template, 'mfa_reset')))).toHaveLength(1);
    const nobody = await tessera(['user', 'reset-mfa', '--email', 'nobody@example.com'], env);
    expect(nobody.code).not.toBe(0);
    expect(nobody.stderr).toContain('No account with the address nobody@example.com.');
  });

  it('rotates the OIDC signing keys through the running server, audited', async () => {
    const jwks = async () => ((await (await fetch(`${publicUrl}/oidc/jwks`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
    const before = await jwks();
    expect(before).toHaveLength(2);
    const res = await tessera(['keys', 'rotate'], env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^New signing keys \(ES256, RS256\) are in use\. 2 old key\(s\)/);
    expect(res.stdout).toContain('The running server signs with them within a minute.');
    const [event] = await running.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'oidc.keys_rotated'));
    expect(event).toMatchObject({ outcome: 'success', userAgent: 'tessera-cli' });
  });

  it('refuses a second start on the same DATA_DIR', async () => {
    const res = await tessera(['start', '--no-build'], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`Error: Tessera is already running on ${dataDir} (pid ${process.pid}`);
  });
});

describe('tessera CLI command line and configuration', () => {
  let dataDir: string;
  beforeAll(() => void (dataDir = tempDir()));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops start on a bad PORT with one line naming it', async () => {
    const res = await tessera(['start'], { DATA_DIR: dataDir, PORT: 'abc' });
    expect(res.code).toBe(1);
    expect(res.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/^Invalid configuration: PORT /);
  });

  it('refuses WORKERS above one on the embedded database', async () => {
    const res = await tessera(['start'], { DATA_DIR: dataDir, WORKERS: '2' });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('Invalid configuration: WORKERS=2 needs DATABASE_URL (the embedded database admits one process)\n');
  });

  it('answers an unknown flag with the usage and exit code 2', async () => {
    const res = await tessera(['org', 'add', '--nmae', 'Acme'], { DATA_DIR: dataDir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("Error: Unknown option '--nmae'");
    expect(res.stderr).toContain('Usage: tessera <command>');
  });
});

describe.skipIf(!process.env.DATABASE_URL)('tessera CLI on PostgreSQL (DATABASE_URL)', () => {
  let dataDir: string;
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = tempDir();
    database = await openTestDatabase();
    env = { DATA_DIR: dataDir, PUBLIC_URL: 'http://localhost:3999', DATABASE_URL: database.url! };
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs setup, org add and user add straight on the database', async () => {
    const setup = await tessera(['setup', '--org-name', 'First Org', '--admin-email', 'admin@example.com'], { ...env, TESSERA_ADMIN_PASSWORD: STRONG });
    expect(setup.stderr).toBe('');
    expect(setup.code).toBe(0);
    expect(setup.stdout).toContain('Sign in at http://localhost:3999/admin/login');

    const org = await tessera(['org', 'add', '--name', 'Acme Corp'], env);
    expect(org.stdout).toBe('Created organization "Acme Corp" (acme-corp).\n');

    const user = await tessera(['user', 'add', '--org', 'acme-corp', '--email', 'ada@example.com', '--password-stdin'], env, `${STRONG}\n`);
    expect(user.code).toBe(0);
    const created = await findUserByEmail(database.db, 'ada@example.com');
    expect(created?.passwordHash).toMatch(/^\$argon2id\$/);
    const [audit] = await database.db.select().from(auditEvents).where(eq(auditEvents.targetUserId, created!.id));
    expect(audit).toMatchObject({ event: 'user.created', ip: 'cli', userAgent: 'tessera-cli', details: { via: 'cli' } });
    // Nothing of the embedded database was touched.
    expect(existsSync(path.join(dataDir, 'pgdata'))).toBe(false);
  });

  it('applies migrations and exits', async () => {
    const res = await tessera(['migrate'], env);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('The PostgreSQL database is up to date.\n');
  });
});
