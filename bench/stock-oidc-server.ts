/**
 * The reference for S2/S3, started under `taskset -c 1`: stock oidc-provider (the version Tessera
 * runs) with its default in-memory adapter, static clients, the same key types as Tessera's issuer
 * (ES256 and RS256, ES256 first), the same scopes and lifetimes, refresh rotation on — and nothing
 * of Tessera. Listens on a free loopback port with the provider's own `listen`.
 * argv: <refresh pool file> <refresh tokens to mint>. The refresh tokens are minted in-process
 * (Grant + RefreshToken models, as the code grant would save them) and written to the pool file
 * before the ready line: preparation, not measured. Prints {"port","pid","origin","machine","web"} when ready.
 *
 * The in-memory adapter is the provider's own MemoryAdapter class, but on a store of
 * STORE_ENTRIES instead of its 1000: with 1000 entries the LRU drops S3's grants and refresh tokens
 * (1000 grants alone fill it) and every refresh fails with "refresh token not found".
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import Provider from 'oidc-provider';
import { OIDC_CALLBACK } from './scenario.ts';
import { freePort } from '../server/test/free-port.ts';

const [poolFile, mint] = [process.argv[2], Number(process.argv[3] ?? 0)];
const STORE_ENTRIES = 500_000;

// Deep imports of the provider's own files (no `exports` map in its package): its adapter and LRU.
type Lru = new (opts: { maxSize: number }) => object;
type MemoryAdapterClass = new (model: string, store: object, clockTolerance: number) => object;
const { default: MemoryAdapter } = (await import('oidc-provider/lib/adapters/memory_adapter.js' as string)) as { default: MemoryAdapterClass };
const { default: LRU } = (await import('oidc-provider/lib/helpers/lru.js' as string)) as { default: Lru };
const store = new LRU({ maxSize: STORE_ENTRIES });


const key = (alg: 'ES256' | 'RS256') => {
  const pair = alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...pair.privateKey.export({ format: 'jwk' }), kid: `${alg.toLowerCase()}-stock`, alg, use: 'sig' };
};
const machine = { clientId: 'bench-machine', clientSecret: randomBytes(32).toString('base64url') };
const web = { clientId: 'bench-web', clientSecret: randomBytes(32).toString('base64url'), redirectUri: OIDC_CALLBACK };

const port = await freePort();
const origin = `http://localhost:${port}`;
const provider = new Provider(origin, {
  clients: [
    { client_id: machine.clientId, client_secret: machine.clientSecret, grant_types: ['client_credentials'], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_basic' },
    { client_id: web.clientId, client_secret: web.clientSecret, grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], redirect_uris: [web.redirectUri], token_endpoint_auth_method: 'client_secret_basic' },
  ],
  adapter: ((model: string) => new MemoryAdapter(model, store, 0)) as never,
  jwks: { keys: [key('ES256'), key('RS256')] as never },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  scopes: ['openid', 'offline_access'],
  features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
  rotateRefreshToken: true,
  // Tessera's lifetimes (fixed numbers also keep the provider from warning about its defaults).
  ttl: { AccessToken: 3600, ClientCredentials: 3600, RefreshToken: 14 * 86_400, AuthorizationCode: 60, IdToken: 3600, Interaction: 15 * 60, Session: 14 * 86_400, Grant: 90 * 86_400 },
});

// The first failed grant says why on stderr (the load generator only sees the error code).
let told = false;
provider.on('grant.error', (_ctx, err) => {
  if (!told) (told = true), console.error(`stock oidc-provider: first failed grant: ${err.message} ${(err as { error_detail?: string }).error_detail ?? ''}`);
});

const tokens: string[] = [];
if (mint > 0) {
  const client = await provider.Client.find(web.clientId);
  if (!client) throw new Error('the static web client is missing');
  const now = Math.floor(Date.now() / 1000);
  for (let i = 0; i < mint; i++) {
    const accountId = `bench-user-${i}`;
    const grant = new provider.Grant({ accountId, clientId: web.clientId });
    grant.addOIDCScope('openid offline_access');
    const grantId = await grant.save();
    const refresh = new provider.RefreshToken({ accountId, client, grantId, gty: 'authorization_code', scope: 'openid offline_access', authTime: now, iiat: now });
    tokens.push(await refresh.save());
  }
}
if (poolFile) writeFileSync(poolFile, JSON.stringify(tokens));

provider.listen(port, '127.0.0.1');
process.stdout.write(JSON.stringify({ port, pid: process.pid, origin, machine, web }) + '\n');
process.on('SIGTERM', () => process.exit(0));
