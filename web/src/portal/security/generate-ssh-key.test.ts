import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateSshKey } from './generate-ssh-key.ts';

describe('generateSshKey', () => {
  it('makes an OpenSSH private key that ssh-keygen reads back to the same public key', async () => {
    const { publicKey, privateKey } = await generateSshKey('ada@tessera');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tessera-gen-')), 'id_ed25519');
    writeFileSync(file, privateKey, { mode: 0o600 });
    const derived = execFileSync('ssh-keygen', ['-y', '-f', file], { encoding: 'utf8' }).trim();
    expect(derived.split(' ').slice(0, 2).join(' ')).toBe(publicKey.split(' ').slice(0, 2).join(' '));
    expect(publicKey).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]+=* ada@tessera$/);
  });
});
