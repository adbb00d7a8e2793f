import { describe, it, expect } from 'vitest';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMasterKey, loadMasterKey } from './master-key.ts';

describe('master key', () => {
  const key = createMasterKey(Buffer.alloc(32, 7));

  it('round-trips a secret and never shows it in the sealed form', () => {
    const sealed = key.encrypt('JBSWY3DPEHPK3PXP', 'totp:u1');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(key.decrypt(sealed, 'totp:u1')).toBe('JBSWY3DPEHPK3PXP');
    expect(key.encrypt('same', 'c')).not.toBe(key.encrypt('same', 'c'));
  });

  it('refuses a sealed value moved to another context, tampered with, or under another key', () => {
    const sealed = key.encrypt('secret', 'totp:u1');
    expect(() => key.decrypt(sealed, 'totp:u2')).toThrow();
    const [v, iv, body, tag] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => key.decrypt([v, iv, flipped.toString('base64url'), tag].join('.'), 'totp:u1')).toThrow();
    expect(() => createMasterKey(Buffer.alloc(32, 8)).decrypt(sealed, 'totp:u1')).toThrow();
  });

  it('generates a key file once, readable by its owner alone, and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tessera-key-'));
    const sealed = loadMasterKey(undefined, dir).encrypt('x', 'c');
    expect(statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(loadMasterKey(undefined, dir).decrypt(sealed, 'c')).toBe('x');
  });
});
