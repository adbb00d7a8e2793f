import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, PUBLIC_URL, type TestApp } from '../../../test/harness.ts';
import { flows } from '../../db/schema/index.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const acme = await seedOrg(t, 'Acme');
  await seedUser(t, { email: 'ada@acme.test', orgs: [acme] });
});
afterAll(() => t.close());

const countFlows = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(flows))[0].n;

describe('bad input gets a clear error and changes nothing', () => {
  it('refuses a state change from another origin', async () => {
    const before = await countFlows();
    const res = await t.client().post('/api/auth/sign-in', { email: 'ada@acme.test' }, { headers: { origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('request.cross_origin');
    const site = await t.client().post('/api/auth/sign-in', { email: 'ada@acme.test' }, { headers: { origin: '', 'sec-fetch-site': 'cross-site' } });
    expect(site.statusCode).toBe(403);
    expect(await countFlows()).toBe(before);
  });

  it('refuses text/plain and form bodies (what a cross-site form can send)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await t.client().post('/api/auth/sign-in', undefined, { headers: { 'content-type': type }, raw: 'email=ada@acme.test' });
      expect(res.statusCode, type).toBe(415);
      expect(res.json().error.code).toBe('request.unsupported_media_type');
    }
  });

  it('answers malformed JSON, missing fields and wrong types with 400 and field paths', async () => {
    const malformed = await t.client().post('/api/auth/sign-in', undefined, { raw: '{"email":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('request.invalid');
    const missing = await t.client().post('/api/auth/sign-in', {});
    expect(missing.json().error.fields[0]).toMatchObject({ path: 'email', check: 'invalid_type' });
    const wrongType = await t.client().post('/api/auth/sign-in', { email: 42 });
    expect(wrongType.statusCode).toBe(400);
    expect(JSON.stringify(wrongType.json())).not.toMatch(/at .*\.ts|stack/i);
  });

  it('refuses oversized bodies and over-long passwords before any hashing', async () => {
    const huge = await t.client().post('/api/auth/sign-in', { email: 'a'.repeat(100_000) });
    expect(huge.statusCode).toBe(413);
    const c = t.client();
    await c.post('/api/auth/sign-in', { email: 'ada@acme.test' });
    const long = await c.post('/api/auth/sign-in/password', { password: 'é'.repeat(600) });
    expect(long.statusCode).toBe(400);
    // Which check failed travels with the path, for the page to say it in the reader's language.
    expect(long.json().error.fields[0]).toMatchObject({ path: 'password', check: 'custom' }); // the byte limit's own rule
    // The flow is untouched: the right password still works.
    expect((await c.post('/api/auth/sign-in/password', { password: STRONG_PASSWORD })).json().step).toBe('done');
  });

  it('refuses NUL bytes and unpaired surrogates', async () => {
    const nul = await t.client().post('/api/auth/sign-in', { email: 'ada\u0000@acme.test' });
    expect(nul.statusCode).toBe(400);
    const c = t.client();
    await c.post('/api/auth/sign-in', { email: 'ada@acme.test' });
    const lone = await c.post('/api/auth/sign-in/password', undefined, { raw: '{"password":"abc\\ud800def"}' });
    expect(lone.statusCode).toBe(400);
  });

  it('rate-limits sign-in attempts per client address', async () => {
    const c = t.client();
    const codes: number[] = [];
    for (let i = 0; i < 62; i++) codes.push((await c.post('/api/auth/sign-in', { email: `x${i}@acme.test` })).statusCode);
    expect(codes.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(codes.slice(60)).toEqual([429, 429]);
    expect((await t.client().post('/api/auth/sign-in', { email: 'ada@acme.test' })).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    const c = t.client();
    for (let i = 0; i < 60; i++) await c.post('/api/auth/sign-in', { email: `y${i}@acme.test` });
    const spoofed = await c.post('/api/auth/sign-in', { email: 'z@acme.test' }, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(spoofed.statusCode).toBe(429);
  });
});

describe('headers and health', () => {
  it('sends security headers and no-store on API responses', async () => {
    const res = await t.client().get('/api/session');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(String(res.headers['content-security-policy'])).toMatch(/script-src 'self'(;|$)/);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { origin: PUBLIC_URL, 'content-type': 'application/json' }, payload: { email: 'ada@acme.test' } });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/tessera_flow=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
  });

  it('answers /healthz 200 when the database is reachable', async () => {
    const res = await t.client().get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('answers unknown API paths with a 404 error body', async () => {
    const res = await t.client().get('/api/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});

describe('secure deployments', () => {
  it('uses __Host- cookies and HSTS behind HTTPS', async () => {
    const secure = await createTestApp({ PUBLIC_URL: 'https://id.example.com' });
    try {
      const res = await secure.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { origin: 'https://id.example.com', 'content-type': 'application/json' }, payload: { email: 'a@b.test' } });
      expect(String(res.headers['set-cookie'])).toMatch(/^__Host-tessera_flow=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax/);
      expect(String(res.headers['strict-transport-security'])).toContain('max-age=31536000');
    } finally {
      await secure.close();
    }
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const proxied = await createTestApp({ TRUST_PROXY: '127.0.0.1' });
    try {
      const send = (xff: string) =>
        proxied.app.inject({ method: 'POST', url: '/api/auth/sign-in', remoteAddress: '127.0.0.1', headers: { origin: PUBLIC_URL, 'content-type': 'application/json', 'x-forwarded-for': xff }, payload: { email: 'a@b.test' } });
      for (let i = 0; i < 60; i++) await send('198.51.100.1');
      expect((await send('198.51.100.1')).statusCode).toBe(429);
      expect((await send('198.51.100.2')).statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});

// Runs where Redis is configured (CI's PostgreSQL pass sets REDIS_URL): the limit spans processes.
describe.runIf(process.env.REDIS_URL)('rate limits shared through Redis', () => {
  it('counts one client address across two Tessera instances', async () => {
    const a = await createTestApp({ REDIS_URL: process.env.REDIS_URL! });
    const b = await createTestApp({ REDIS_URL: process.env.REDIS_URL! });
    try {
      const ip = `127.200.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
      const send = (app: TestApp) =>
        app.app.inject({ method: 'POST', url: '/api/auth/sign-in', remoteAddress: ip, headers: { origin: PUBLIC_URL, 'content-type': 'application/json' }, payload: { email: 'a@b.test' } });
      for (let i = 0; i < 30; i++) expect((await send(a)).statusCode).toBe(200);
      for (let i = 0; i < 30; i++) expect((await send(b)).statusCode).toBe(200);
      expect((await send(a)).statusCode).toBe(429);
      expect((await send(b)).statusCode).toBe(429);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
