import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApp, seedOrg, seedUser, STRONG_PASSWORD, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof seedOrg>>;

beforeAll(async () => {
  t = await createTestApp();
  acme = await seedOrg(t, 'Acme');
});
afterAll(() => t.close());

/** A real key pair from OpenSSH's ssh-keygen; returns the public line and what `ssh-keygen -lf` prints. */
function keygen(type: 'ed25519' | 'rsa', bits?: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-ssh-'));
  const file = path.join(dir, 'id');
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(bits ? ['-b', String(bits)] : []), '-N', '', '-C', 'ada@laptop', '-f', file]);
  return { line: readFileSync(`${file}.pub`, 'utf8'), printed: execFileSync('ssh-keygen', ['-lf', `${file}.pub`], { encoding: 'utf8' }).trim(), privateKey: readFileSync(file, 'utf8') };
}

async function signedIn(email: string) {
  await seedUser(t, { email, orgs: [acme] });
  const c = t.client();
  await c.signIn(email, STRONG_PASSWORD);
  return c;
}

describe('Security → SSH Keys', () => {
  it('adds a key from ssh-keygen and shows its fingerprint exactly as ssh-keygen -lf does', async () => {
    const c = await signedIn('ssh@acme.test');
    const { line, printed } = keygen('ed25519');
    const res = await c.post('/api/me/ssh-keys', { name: 'Laptop', publicKey: line });
    expect(res.statusCode).toBe(201);
    const key = res.json();
    expect(printed).toBe(`${key.bits} ${key.fingerprint} ${key.comment} (${key.type})`);
    expect((await c.get('/api/me/ssh-keys')).json().items).toMatchObject([{ name: 'Laptop', fingerprint: key.fingerprint }]);
  });

  it('refuses private, weak, malformed and duplicate keys with a clear message, storing nothing', async () => {
    const c = await signedIn('bad@acme.test');
    const pair = keygen('ed25519');
    const cases: [string, number, RegExp][] = [
      [pair.privateKey, 422, /private key/],
      [keygen('rsa', 1024).line, 422, /2048 bits/],
      ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBroken', 422, /truncated|base64|length/],
    ];
    for (const [publicKey, status, message] of cases) {
      const res = await c.post('/api/me/ssh-keys', { name: 'X', publicKey });
      expect(res.statusCode).toBe(status);
      expect(res.json().error.message).toMatch(message);
    }
    expect((await c.post('/api/me/ssh-keys', { name: 'First', publicKey: pair.line })).statusCode).toBe(201);
    const dup = await c.post('/api/me/ssh-keys', { name: 'Again', publicKey: pair.line });
    expect(dup.statusCode).toBe(409);
    expect((await c.get('/api/me/ssh-keys')).json().items).toHaveLength(1);
  });

  it("removes my key, and cannot see or remove someone else's", async () => {
    const owner = await signedIn('owner@acme.test');
    const other = await signedIn('other@acme.test');
    const key = (await owner.post('/api/me/ssh-keys', { name: 'Mine', publicKey: keygen('ed25519').line })).json();
    expect((await other.get('/api/me/ssh-keys')).json().items).toEqual([]);
    expect((await other.delete(`/api/me/ssh-keys/${key.id}`, {})).statusCode).toBe(404);
    expect((await owner.delete(`/api/me/ssh-keys/${key.id}`, {})).statusCode).toBe(204);
    expect((await owner.get('/api/me/ssh-keys')).json().items).toEqual([]);
  });
});
