/**
 * An Ed25519 key pair made in the browser (WebCrypto). The private key is encoded in OpenSSH's
 * "openssh-key-v1" format (unencrypted) for download; only the public key line is ever sent.
 */
export async function generateSshKey(comment: string, subtle: SubtleCrypto = crypto.subtle, random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))) {
  const pair = (await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pub = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey));
  const seed = pkcs8.slice(pkcs8.length - 32);
  const type = text('ssh-ed25519');
  const publicBlob = concat(str(type), str(pub));
  const check = random(4);
  let priv = concat(check, check, str(type), str(pub), str(concat(seed, pub)), str(text(comment)));
  const padding = (8 - (priv.length % 8)) % 8;
  priv = concat(priv, Uint8Array.from({ length: padding }, (_, i) => i + 1));
  const body = concat(text('openssh-key-v1\0'), str(text('none')), str(text('none')), str(new Uint8Array()), u32(1), str(publicBlob), str(priv));
  const b64 = base64(body).replace(/(.{70})/g, '$1\n').replace(/\n$/, '');
  return {
    publicKey: `ssh-ed25519 ${base64(publicBlob)} ${comment}`,
    privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64}\n-----END OPENSSH PRIVATE KEY-----\n`,
  };
}

const text = (s: string) => new TextEncoder().encode(s);
const u32 = (n: number) => Uint8Array.from([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const str = (b: Uint8Array) => concat(u32(b.length), b);
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
function base64(b: Uint8Array): string {
  let s = '';
  for (const byte of b) s += String.fromCharCode(byte);
  return btoa(s);
}
