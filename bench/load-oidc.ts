/**
 * The load generator for the token grants (run under `taskset -c 0`), over keep-alive connections
 * (node:http, one Agent): the same code drives Tessera and stock oidc-provider.
 * - cc: POST token, grant_type=client_credentials, client_secret_basic.
 * - refresh: a pool of refresh tokens, each used exactly once (rotation on): take one, refresh,
 *   put the new one back. The pool is read from and written back to a file, so that successive
 *   runs against one server continue the same grants; missing tokens are prepared first with code
 *   round trips (only where `prepare` is set, i.e. on Tessera: stock's pool is minted in its process).
 * - code: one authorization-code round trip per iteration, as a browser signed in to Tessera lives
 *   it: GET /oidc/auth (a fresh provider session holding only the `tessera_session` cookie), the 303s
 *   through the interaction and back, the callback's code, then POST /oidc/token with PKCE.
 * Preparation (sign-in, pool) happens before `{"started":true}`; then closed loop with N virtual
 * users, or paced at a fixed rate (open loop) for latency at half of saturation; then one result line.
 */
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { CookieJar, type Cookie } from '../server/test/cookie-jar.ts';

export type OidcLoadArgs = {
  mode: 'cc' | 'refresh' | 'code';
  port: number;
  /** The issuer's origin as it names itself (Locations under it are rewritten to 127.0.0.1). */
  publicOrigin: string;
  /** Where the provider is mounted: '/oidc' on Tessera, '' for stock oidc-provider. */
  mount: string;
  clientId: string;
  clientSecret: string;
  redirectUri?: string;
  email?: string;
  password?: string;
  seconds: number;
  concurrency: number;
  /** > 0: open loop at this many iterations per second. */
  rate: number;
  poolFile?: string;
  poolSize?: number;
  prepare?: boolean;
};

const args = JSON.parse(process.argv[2]) as OidcLoadArgs;
const origin = `http://127.0.0.1:${args.port}`;
const REQUEST_TIMEOUT_MS = 30_000;
const agent = new http.Agent({ keepAlive: true, maxSockets: args.rate > 0 ? 256 : Math.max(args.concurrency, 8) });
const basic = `Basic ${Buffer.from(`${encodeURIComponent(args.clientId)}:${encodeURIComponent(args.clientSecret)}`).toString('base64')}`;

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

function request(method: string, url: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) }, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${REQUEST_TIMEOUT_MS} ms: ${method} ${url}`)));
    req.on('error', reject);
    req.end(body);
  });
}

class Failure extends Error {}
let idTokenAlg: string | undefined;

/** POST to the token endpoint; returns the JSON answer, or throws a Failure naming what came back. */
async function token(form: Record<string, string>): Promise<{ access_token: string; refresh_token?: string; id_token?: string }> {
  const res = await request('POST', `${origin}${args.mount}/token`, { authorization: basic, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, new URLSearchParams(form).toString());
  if (res.status !== 200) throw new Failure(`token (${form.grant_type}) ${res.status} ${res.body.slice(0, 200)}`);
  const json = JSON.parse(res.body) as { access_token?: string; refresh_token?: string; id_token?: string };
  if (!json.access_token) throw new Failure(`token (${form.grant_type}) without access_token: ${res.body.slice(0, 200)}`);
  if (json.id_token && !idTokenAlg) idTokenAlg = (JSON.parse(Buffer.from(json.id_token.split('.')[0], 'base64url').toString()) as { alg: string }).alg;
  return json as { access_token: string };
}

/** Our origin as the provider names it, rewritten to 127.0.0.1 (no IPv6 attempt for "localhost"). */
const local = (url: string) => (url.startsWith(args.publicOrigin) ? origin + url.slice(args.publicOrigin.length) : url);

/** Signs in to Tessera once (argon2id is slow on purpose): the session cookie every round trip reuses. */
async function signIn(): Promise<Cookie> {
  const jar = new CookieJar();
  const json = { 'content-type': 'application/json', origin: args.publicOrigin };
  const start = await request('POST', `${origin}/api/auth/sign-in`, json, JSON.stringify({ email: args.email, portal: 'user' }));
  if (start.status !== 200) throw new Error(`sign-in ${start.status} ${start.body.slice(0, 200)}`);
  jar.store(start.headers['set-cookie'] ?? []);
  const done = await request('POST', `${origin}/api/auth/sign-in/password`, { ...json, cookie: jar.header('/api/auth/sign-in/password') }, JSON.stringify({ password: args.password }));
  if (done.status !== 200 || (JSON.parse(done.body) as { step?: string }).step !== 'done') throw new Error(`password ${done.status} ${done.body.slice(0, 200)}`);
  jar.store(done.headers['set-cookie'] ?? []);
  const session = jar.get('tessera_session');
  if (!session) throw new Error('sign-in set no tessera_session cookie');
  return session;
}

let session: Cookie | undefined;

/** One authorization-code round trip with a fresh provider session; returns the tokens. */
async function codeRoundTrip() {
  const jar = new CookieJar([session!]);
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const query = new URLSearchParams({
    client_id: args.clientId,
    response_type: 'code',
    scope: 'openid offline_access',
    redirect_uri: args.redirectUri!,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state,
  });
  let url = `${origin}${args.mount}/auth?${query}`;
  for (let hop = 0; ; hop++) {
    if (hop > 10) throw new Failure(`too many redirects, last ${url}`);
    const { pathname } = new URL(url);
    const res = await request('GET', url, { cookie: jar.header(pathname) });
    jar.store(res.headers['set-cookie'] ?? []);
    const location = res.headers.location;
    if (res.status < 300 || res.status >= 400 || !location) throw new Failure(`GET ${pathname} answered ${res.status} (no redirect to the callback) ${res.body.slice(0, 200)}`);
    const next = new URL(location, url).href;
    if (next.startsWith(args.redirectUri!)) {
      const callback = new URL(next);
      const code = callback.searchParams.get('code');
      if (!code || callback.searchParams.get('state') !== state) throw new Failure(`callback without code or with the wrong state: ${next.slice(0, 200)}`);
      return token({ grant_type: 'authorization_code', code, redirect_uri: args.redirectUri!, code_verifier: verifier });
    }
    url = local(next);
    if (!url.startsWith(origin)) throw new Failure(`redirected off our origin to ${next.slice(0, 200)}`);
  }
}

/**
 * The refresh-token pool: each token is taken by one request only, and its successor put back.
 * A request waits for a token while others are in flight; with none left anywhere it gets none.
 */
const pool: string[] = [];
const poolWaiters: ((t: string | undefined) => void)[] = [];
let held = 0;
const take = (): Promise<string | undefined> => {
  if (pool.length) return (held++, Promise.resolve(pool.shift()!));
  if (held === 0) return Promise.resolve(undefined);
  return new Promise((r) => poolWaiters.push((t) => (t !== undefined && held++, r(t))));
};
/** Returns a request's successor token to the pool, or (undefined) records that its token is spent. */
const give = (t: string | undefined) => {
  held--;
  if (t !== undefined) {
    const waiter = poolWaiters.shift();
    if (waiter) waiter(t);
    else pool.push(t);
  } else if (held === 0 && pool.length === 0) for (const w of poolWaiters.splice(0)) w(undefined);
};

let prepared = 0;
async function preparePool(): Promise<void> {
  if (args.poolFile && existsSync(args.poolFile)) pool.push(...(JSON.parse(readFileSync(args.poolFile, 'utf8')) as string[]));
  const missing = Math.max(0, (args.poolSize ?? 0) - pool.length);
  if (missing === 0) return;
  if (!args.prepare) throw new Error(`refresh pool holds ${pool.length} tokens, ${args.poolSize} wanted, and this target cannot prepare more`);
  session ??= await signIn();
  let left = missing;
  await Promise.all(
    Array.from({ length: Math.min(8, missing) }, async () => {
      while (left > 0) {
        left--;
        const t = await codeRoundTrip();
        if (!t.refresh_token) throw new Error('authorization code grant without refresh_token (offline_access)');
        pool.push(t.refresh_token);
        prepared++;
      }
    }),
  );
}

let completed = 0;
let non2xx = 0;
let errors = 0;
let firstFailure: string | undefined;
const latencies: number[] = [];
let lost = 0;

let exhausted = false;
async function iteration(): Promise<void> {
  let token_: string | undefined;
  const t0 = performance.now();
  try {
    if (args.mode === 'cc') await token({ grant_type: 'client_credentials' });
    else if (args.mode === 'code') await codeRoundTrip();
    else {
      token_ = await take();
      if (token_ === undefined) return void (exhausted = true);
      const t = await token({ grant_type: 'refresh_token', refresh_token: token_ });
      if (!t.refresh_token || t.refresh_token === token_) throw new Failure('refresh without a new refresh token (rotation off?)');
      token_ = undefined;
      give(t.refresh_token);
    }
    latencies.push(performance.now() - t0);
    completed++;
  } catch (err) {
    if (err instanceof Failure) non2xx++;
    else errors++;
    firstFailure ??= String(err instanceof Failure ? err.message : err);
    // A token whose refresh failed is spent either way (its grant may be revoked): never reuse it.
    if (token_ !== undefined) (lost++, give(undefined));
  }
}

if (args.mode === 'code') session = await signIn();
if (args.mode === 'refresh') await preparePool();
process.stdout.write('{"started":true}\n');
const deadline = Date.now() + args.seconds * 1000;
const t0 = Date.now();
const cpu0 = process.cpuUsage();
if (args.rate > 0) {
  const pending: Promise<void>[] = [];
  for (let i = 0; Date.now() < deadline && !exhausted; i++) {
    const due = t0 + (i * 1000) / args.rate;
    // Read once: the clock may pass `due` between a check and the timer (a negative delay warns).
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(iteration());
  }
  await Promise.all(pending);
} else {
  await Promise.all(
    Array.from({ length: args.concurrency }, async () => {
      while (Date.now() < deadline && !exhausted) await iteration();
    }),
  );
}
const elapsed = (Date.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
if (args.mode === 'refresh' && args.poolFile) writeFileSync(args.poolFile, JSON.stringify(pool));
agent.destroy();
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? NaN;
process.stdout.write(
  JSON.stringify({ completed, non2xx, errors, firstFailure, exhausted, perSecond: completed / elapsed, p50: pct(50), p99: pct(99), cpuSeconds: (cpu.user + cpu.system) / 1e6, idTokenAlg, pool: pool.length, prepared, lost }) + '\n',
);
