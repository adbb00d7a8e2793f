import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { parsePublicKey } from './parse-public-key.ts';

/** Builds an OpenSSH public key line from a Node key (wire format, RFC 4253 §6.6 / RFC 5656). */
function sshLine(type: string, parts: Buffer[], comment = 'test@host') {
  const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, 0].map((_, i) => (b.length >>> (24 - 8 * i)) & 255)), b]);
  return `${type} ${Buffer.concat([str(Buffer.from(type)), ...parts.map(str)]).toString('base64')} ${comment}`;
}
const ed25519 = () => {
  const { publicKey } = generateKeyPairSync('ed25519');
  return sshLine('ssh-ed25519', [Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url')]);
};
const rsa = (bits: number) => {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const jwk = publicKey.export({ format: 'jwk' });
  const mpint = (b: Buffer) => (b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
  return sshLine('ssh-rsa', [mpint(Buffer.from(jwk.e!, 'base64url')), mpint(Buffer.from(jwk.n!, 'base64url'))]);
};
const ecdsa = (curve: 'P-256' | 'P-384' | 'P-521', name: string) => {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
  const jwk = publicKey.export({ format: 'jwk' });
  const size = { 'P-256': 32, 'P-384': 48, 'P-521': 66 }[curve];
  const pad = (b: Buffer) => Buffer.concat([Buffer.alloc(size - b.length), b]);
  return sshLine(`ecdsa-sha2-${name}`, [Buffer.from(name), Buffer.concat([Buffer.from([4]), pad(Buffer.from(jwk.x!, 'base64url')), pad(Buffer.from(jwk.y!, 'base64url'))])]);
};
/** Security-key (FIDO) keys: the plain key's fields, then the application string ("ssh:"). */
const skEd25519 = () => {
  const { publicKey } = generateKeyPairSync('ed25519');
  return sshLine('sk-ssh-ed25519@openssh.com', [Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url'), Buffer.from('ssh:')]);
};
const skEcdsa = () => {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const pad = (b: Buffer) => Buffer.concat([Buffer.alloc(32 - b.length), b]);
  return sshLine('sk-ecdsa-sha2-nistp256@openssh.com', [Buffer.from('nistp256'), Buffer.concat([Buffer.from([4]), pad(Buffer.from(jwk.x!, 'base64url')), pad(Buffer.from(jwk.y!, 'base64url'))]), Buffer.from('ssh:')]);
};

describe('parsePublicKey', () => {
  it.each([
    ['ssh-ed25519', ed25519(), 256, 'ED25519'],
    ['ssh-rsa 3072', rsa(3072), 3072, 'RSA'],
    ['ecdsa p256', ecdsa('P-256', 'nistp256'), 256, 'ECDSA'],
    ['ecdsa p384', ecdsa('P-384', 'nistp384'), 384, 'ECDSA'],
    ['ecdsa p521', ecdsa('P-521', 'nistp521'), 521, 'ECDSA'],
    ['sk-ssh-ed25519 (security key)', skEd25519(), 256, 'ED25519-SK'],
    ['sk-ecdsa p256 (security key)', skEcdsa(), 256, 'ECDSA-SK'],
  ])('accepts %s with the fingerprint ssh-keygen prints', (_n, line, bits, label) => {
    const key = parsePublicKey(line);
    expect(key).toMatchObject({ bits, label, comment: 'test@host' });
    expect(key.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    // OpenSSH's own ssh-keygen is the peer that decides what "right" is.
    const printed = execFileSync('ssh-keygen', ['-lf', '-'], { input: line, encoding: 'utf8' }).trim();
    expect(printed).toBe(`${bits} ${key.fingerprint} test@host (${label})`);
  });

  it('refuses RSA keys under 2048 bits, saying how many bits they have', () => {
    expect(() => parsePublicKey(rsa(1024))).toThrow(/at least 2048 bits; this one has 1024/);
  });

  it.each([
    ['a private key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----', /private key/],
    ['garbage', 'hello world', /does not look like/],
    ['a mismatched type', ed25519().replace(/^ssh-ed25519/, 'ssh-rsa'), /does not match/],
    ['truncated data', ed25519().replace(/ (\S+) /, (_m, b: string) => ` ${b.slice(0, 40)} `), /truncated|base64/],
    ['a DSA key', 'ssh-dss AAAAB3NzaC1kc3MAAAA= x', /DSA keys are too weak|truncated/],
    ['two keys', `${ed25519()}\n${ed25519()}`, /one key/],
  ])('refuses %s', (_n, line, message) => {
    expect(() => parsePublicKey(line)).toThrow(message);
  });
});
