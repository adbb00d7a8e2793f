import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cookieKeys } from './cookie-keys.ts';

// Koa's own signer, for comparison: what oidc-provider would use by default.
const Keygrip = createRequire(import.meta.url)('keygrip') as new (keys: string[]) => { sign(data: string): string; index(data: string, digest: string): number };

describe('cookieKeys', () => {
  const current = randomBytes(32).toString('base64url');
  const previous = randomBytes(32).toString('base64url');

  it('signs exactly as Keygrip does, so cookies signed either way verify', () => {
    const ours = cookieKeys([current, previous]);
    const theirs = new Keygrip([current, previous]);
    for (const data of ['_interaction=abc', '_session=' + randomBytes(30).toString('base64url'), 'x=ü/+=']) {
      expect(ours.sign(data)).toBe(theirs.sign(data));
      expect(ours.index(data, theirs.sign(data))).toBe(0);
      expect(theirs.index(data, ours.sign(data))).toBe(0);
    }
  });

  it('tells which key signed, and refuses a tampered value or signature', () => {
    const ours = cookieKeys([current, previous]);
    const signedBefore = cookieKeys([previous]).sign('_session=s1');
    expect(ours.index('_session=s1', signedBefore)).toBe(1);
    expect(ours.verify('_session=s2', signedBefore)).toBe(false);
    expect(ours.verify('_session=s1', signedBefore.slice(0, -1) + (signedBefore.endsWith('A') ? 'B' : 'A'))).toBe(false);
    expect(ours.verify('_session=s1', '')).toBe(false);
    expect(cookieKeys([randomBytes(32).toString('base64url')]).verify('_session=s1', ours.sign('_session=s1'))).toBe(false);
  });
});
