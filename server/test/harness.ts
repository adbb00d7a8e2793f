import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { eq, desc } from 'drizzle-orm';
import { loadConfig, type Config } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { buildApp } from '../src/http/app.ts';
import { createAfterReply, type AfterReply } from '../src/http/after-reply.ts';
import { defaultArgon2Params, hashPassword } from '../src/domain/credentials/password-hash.ts';
import { createOrg, updateOrgPolicies, type Org } from '../src/domain/orgs/org-store.ts';
import { addMembership, createUser } from '../src/domain/users/user-store.ts';
import { mailOutbox } from '../src/db/schema/index.ts';
import { orgPoliciesSchema } from '../src/domain/policies/org-policies.ts';
import type { Database } from '../src/db/open.ts';
import { openTestDatabase } from './test-database.ts';
import { LOOPBACK_NETWORKS } from './loopback-networks.ts';
import { createMasterKey } from '../src/domain/secrets/master-key.ts';
import { randomBytes } from 'node:crypto';
import type { Language } from '../../contract/language.ts';

export const PUBLIC_URL = 'http://localhost:3000';

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  config: Config;
  afterReply: AfterReply;
  client(): TestClient;
  close(): Promise<void>;
};

/** The real app on a fresh database, driven through app.inject(). */
export async function createTestApp(env: Record<string, string> = {}, opts: { webDist?: string } = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', false);
  const afterReply = createAfterReply(logger);
  const config = loadConfig({ PUBLIC_URL, DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent', OUTBOUND_ALLOW: LOOPBACK_NETWORKS, ...env });
  const app = await buildApp(
    { config, db: database.db, ping: database.ping, listen: database.listen, argon2: defaultArgon2Params, masterKey: createMasterKey(randomBytes(32)), mailQueued: () => {}, afterReply, localTokenHash: env.LOCAL_TOKEN_HASH },
    { logger, webDist: opts.webDist },
  );
  return {
    app,
    database,
    config,
    afterReply,
    client: () => new TestClient(app, afterReply, config.publicUrl),
    async close() {
      await app.close();
      await afterReply.settled();
      await database.close();
    },
  };
}

let clientCount = 1;
type Opts = { headers?: Record<string, string>; raw?: string };

/** A browser-like client: same-origin Origin header, JSON bodies, a cookie jar. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  /** Each client is its own machine, as in life: per-IP limits apply per client. */
  readonly ip = `127.${(clientCount >> 16) & 255}.${(clientCount >> 8) & 255}.${clientCount++ & 255 || 1}`;
  private readonly app: FastifyInstance;
  private readonly afterReply: AfterReply;
  /** The app's own PUBLIC_URL: a listening test app has its own port, and its pages their own origin. */
  private readonly origin: string;
  constructor(app: FastifyInstance, afterReply: AfterReply, origin = PUBLIC_URL) {
    this.app = app;
    this.afterReply = afterReply;
    this.origin = origin;
  }

  async request(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, opts: Opts = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { 'user-agent': 'tessera-tests', ...(method !== 'GET' ? { origin: this.origin, 'content-type': 'application/json' } : {}) };
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookie) headers.cookie = cookie;
    const res = await this.app.inject({
      method,
      url,
      headers: { ...headers, ...opts.headers },
      remoteAddress: this.ip,
      payload: opts.raw ?? (method !== 'GET' ? JSON.stringify(body ?? {}) : undefined),
    });
    // What a request does after its answer is part of it, for whatever the test looks at next.
    await this.afterReply.settled();
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
  get = (url: string, opts?: Opts) => this.request('GET', url, undefined, opts);
  post = (url: string, body?: unknown, opts?: Opts) => this.request('POST', url, body, opts);
  delete = (url: string, body?: unknown, opts?: Opts) => this.request('DELETE', url, body, opts);

  /** Email → password → (organization) through the real flow. */
  async signIn(email: string, password: string, opts: { portal?: 'user' | 'admin'; org?: string } = {}) {
    const start = await this.post('/api/auth/sign-in', { email, portal: opts.portal ?? 'user' });
    if (start.statusCode !== 200) return start;
    let res = await this.post('/api/auth/sign-in/password', { password });
    if (res.statusCode === 200 && res.json().step === 'choose_org' && opts.org) {
      res = await this.post('/api/auth/sign-in/organization', { slug: opts.org });
    }
    return res;
  }
}

export const STRONG_PASSWORD = 'correct-Horse-battery-42';

export async function seedOrg(t: TestApp, name: string, policies: Record<string, unknown> = {}): Promise<Org> {
  const org = await createOrg(t.database.db, { name });
  if (Object.keys(policies).length) await updateOrgPolicies(t.database.db, org.id, orgPoliciesSchema.parse(policies));
  return org;
}

export async function seedUser(
  t: TestApp,
  input: { email: string; password?: string; orgs: Org[]; role?: 'member' | 'admin'; firstName?: string; lastName?: string; language?: Language; emailVerified?: boolean },
) {
  const passwordHash = await hashPassword(input.password ?? STRONG_PASSWORD);
  const user = await createUser(t.database.db, { email: input.email, passwordHash, firstName: input.firstName ?? 'Ada', lastName: input.lastName ?? 'Lovelace', language: input.language, emailVerified: input.emailVerified ?? true });
  for (const org of input.orgs) await addMembership(t.database.db, { orgId: org.id, userId: user.id, role: input.role ?? 'member' });
  return user;
}

export async function mailsTo(t: TestApp, to: string) {
  return t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, to)).orderBy(desc(mailOutbox.createdAt));
}

/** The token of the newest link of that kind in the newest mail to `to`. */
export async function linkTokenFrom(t: TestApp, to: string, pathName: string): Promise<string> {
  const [mail] = await mailsTo(t, to);
  const match = new RegExp(`${PUBLIC_URL}${pathName}#token=([A-Za-z0-9_-]+)`).exec(mail?.text ?? '');
  if (!match) throw new Error(`no ${pathName} link in mail to ${to}`);
  return match[1];
}
