/**
 * The reference for token grants: JWT signatures alone on the same single core as the server (run
 * under `taskset -c 1`), node:crypto over a JWT-sized signing input (header.payload of an ID token).
 * argv: <seconds> [ES256|RS256]. ES256 is the figure the issue compares with; RS256 (2048-bit, what
 * oidc-provider signs ID tokens with unless a client asks otherwise) is printed for information.
 * Reports per wall-second and per CPU-second of this process.
 */
import { generateKeyPairSync, sign, verify } from 'node:crypto';

const seconds = Number(process.argv[2] ?? 10);
const alg = (process.argv[3] ?? 'ES256') as 'ES256' | 'RS256';
const { privateKey, publicKey } = alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
// An ID token's signing input as Tessera issues it: ~500 bytes.
const input = Buffer.from(
  `${b64({ alg, typ: 'JWT', kid: `${alg.toLowerCase()}-AbCdEfGhIjKl` })}.${b64({
    sub: '0b7f3c1e-8d2a-4f5b-9c6d-1e2f3a4b5c6d',
    acr: 'pwd',
    amr: ['pwd'],
    auth_time: now,
    at_hash: 'x4Ff0Zb1yP9iZ3vR6nQ2wA',
    sid: 'e7NqkOFx2tFhB1l0vKcX9q4rT8yW3zU6aS5dG7hJ2kL',
    aud: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    exp: now + 3600,
    iat: now,
    iss: 'https://tessera.example.com/oidc',
  })}`,
);
const options = alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' as const } : privateKey;
const signature = sign('sha256', input, options);
if (!verify('sha256', input, alg === 'ES256' ? { key: publicKey, dsaEncoding: 'ieee-p1363' } : publicKey, signature)) throw new Error('signature does not verify');
if (alg === 'ES256' && signature.length !== 64) throw new Error(`ES256 signature of ${signature.length} bytes, 64 expected`);
for (let i = 0; i < 200; i++) sign('sha256', input, options);

let done = 0;
const deadline = Date.now() + seconds * 1000;
const cpu0 = process.cpuUsage();
const start = Date.now();
while (Date.now() < deadline) {
  for (let i = 0; i < 64; i++) sign('sha256', input, options);
  done += 64;
}
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const wall = (Date.now() - start) / 1000;
process.stdout.write(JSON.stringify({ alg, perSecond: done / wall, perCpuSecond: done / cpuSeconds, coreBusy: cpuSeconds / wall, inputBytes: input.length }) + '\n');
