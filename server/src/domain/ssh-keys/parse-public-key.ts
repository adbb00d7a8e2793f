import { createHash } from 'node:crypto';
import { AppError } from '../../errors.ts';

export type ParsedKey = { type: string; label: string; bits: number; blob: Buffer; comment: string; normalized: string; fingerprint: string };

const invalid = (message: string) => new AppError('ssh_key.invalid', message);

/** Reads the SSH wire format (RFC 4251 §5): uint32 length-prefixed strings. */
class Reader {
  private offset = 0;
  private readonly buf: Buffer;
  constructor(buf: Buffer) {
    this.buf = buf;
  }
  string(): Buffer {
    if (this.offset + 4 > this.buf.length) throw invalid('The key is truncated.');
    const len = this.buf.readUInt32BE(this.offset);
    this.offset += 4;
    if (len > this.buf.length - this.offset) throw invalid('The key is truncated.');
    const out = this.buf.subarray(this.offset, this.offset + len);
    this.offset += len;
    return out;
  }
  done(): boolean {
    return this.offset === this.buf.length;
  }
}

const CURVES: Record<string, { name: string; bits: number; point: number }> = {
  'ecdsa-sha2-nistp256': { name: 'nistp256', bits: 256, point: 65 },
  'ecdsa-sha2-nistp384': { name: 'nistp384', bits: 384, point: 97 },
  'ecdsa-sha2-nistp521': { name: 'nistp521', bits: 521, point: 133 },
  'sk-ecdsa-sha2-nistp256@openssh.com': { name: 'nistp256', bits: 256, point: 65 },
};

/** Bits of an RSA modulus (an SSH mpint may carry a leading zero byte). */
function mpintBits(n: Buffer): number {
  let i = 0;
  while (i < n.length && n[i] === 0) i++;
  if (i === n.length) return 0;
  return (n.length - i - 1) * 8 + (32 - Math.clz32(n[i]));
}

/**
 * Accepts ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa of at least 2048 bits and the FIDO
 * sk- keys; refuses private keys, malformed or weak ones with a message that says which.
 */
export function parsePublicKey(input: string): ParsedKey {
  const text = input.trim();
  if (/PRIVATE KEY/.test(text)) throw invalid('This is a private key. Paste the public key (the .pub file) — never share the private one.');
  if (text.includes('\n')) throw invalid('Paste one key, on one line.');
  const m = /^(\S+)\s+([A-Za-z0-9+/]+={0,2})(?:\s+(.*))?$/.exec(text);
  if (!m || !/^(ssh-|ecdsa-|sk-)/.test(m[1])) throw invalid('This does not look like an OpenSSH public key ("ssh-ed25519 AAAA… comment").');
  const [, declared, base64, comment = ''] = m;
  const blob = Buffer.from(base64, 'base64');
  if (blob.toString('base64').replace(/=+$/, '') !== base64.replace(/=+$/, '')) throw invalid('The key data is not valid base64.');
  const r = new Reader(blob);
  const type = r.string().toString('latin1');
  if (type !== declared) throw invalid('The key type does not match the key data.');
  let bits: number;
  let label: string;
  if (type === 'ssh-ed25519' || type === 'sk-ssh-ed25519@openssh.com') {
    if (r.string().length !== 32) throw invalid('The Ed25519 key has the wrong length.');
    bits = 256;
    label = type === 'ssh-ed25519' ? 'ED25519' : 'ED25519-SK';
  } else if (CURVES[type]) {
    const curve = CURVES[type];
    if (r.string().toString('latin1') !== curve.name) throw invalid('The ECDSA curve does not match the key type.');
    const point = r.string();
    if (point.length !== curve.point || point[0] !== 4) throw invalid('The ECDSA public point is malformed.');
    bits = curve.bits;
    label = type.startsWith('sk-') ? 'ECDSA-SK' : 'ECDSA';
  } else if (type === 'ssh-rsa') {
    const e = r.string();
    bits = mpintBits(r.string());
    if (e.length === 0 || bits === 0) throw invalid('The RSA key is malformed.');
    if (bits < 2048) throw invalid(`RSA keys must have at least 2048 bits; this one has ${bits}. Generate an Ed25519 key instead.`);
    label = 'RSA';
  } else if (type === 'ssh-dss') {
    throw invalid('DSA keys are too weak and no longer accepted. Generate an Ed25519 key instead.');
  } else {
    throw invalid(`Keys of type "${type}" are not supported.`);
  }
  if (type.startsWith('sk-')) r.string(); // the FIDO application, e.g. "ssh:"
  if (!r.done()) throw invalid('The key has unexpected trailing data.');
  const fingerprint = 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
  return { type, label, bits, blob, comment: comment.trim().slice(0, 200), normalized: `${type} ${blob.toString('base64')}`, fingerprint };
}
