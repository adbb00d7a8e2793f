import { generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import { and, asc, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { signingKeys } from '../../db/schema/index.ts';
import type { MasterKey } from '../secrets/master-key.ts';

/** The issuer publishes both: RS256 signs ID tokens by default (OIDC Core §3.1.3.7, what clients expect unregistered), ES256 for clients that ask for it. */
export const OIDC_ALGS = ['ES256', 'RS256'] as const;
type Alg = (typeof OIDC_ALGS)[number];

/**
 * A retired key stays in the JWKS this long, longer than any ID token or JWT it signed can live,
 * so relying parties can still verify what it signed before the rotation.
 */
export const RETIRED_KEY_GRACE_HOURS = 24;

const sealContext = (kid: string) => `oidc-key:${kid}`;

function generate(alg: Alg): { kid: string; publicJwk: JsonWebKey; privateJwk: JsonWebKey } {
  const pair = alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `${alg.toLowerCase()}-${randomBytes(9).toString('base64url')}`;
  const publicJwk = { ...pair.publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' };
  const privateJwk = { ...pair.privateKey.export({ format: 'jwk' }), kid, alg, use: 'sig' };
  return { kid, publicJwk, privateJwk };
}

async function insertKey(db: Queryable, masterKey: MasterKey, alg: Alg): Promise<void> {
  const key = generate(alg);
  await db.insert(signingKeys).values({ use: 'oidc', alg, kid: key.kid, publicJwk: key.publicJwk, privateSealed: masterKey.encrypt(JSON.stringify(key.privateJwk), sealContext(key.kid)) });
}

/**
 * Makes sure an active key exists for every algorithm. Several processes starting at once are
 * serialised by a transaction-scoped advisory lock, so they end up sharing one key per algorithm.
 */
export async function ensureOidcKeys(db: Queryable, masterKey: MasterKey): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('tessera.oidc-keys'))`);
    const active = await tx.select({ alg: signingKeys.alg }).from(signingKeys).where(and(eq(signingKeys.use, 'oidc'), isNull(signingKeys.retiredAt)));
    for (const alg of OIDC_ALGS) if (!active.some((k) => k.alg === alg)) await insertKey(tx, masterKey, alg);
  });
}

/** `tessera keys rotate`: new keys sign from now on; the old ones are kept for verification only. */
export async function rotateOidcKeys(db: Queryable, masterKey: MasterKey, now = new Date()): Promise<{ retired: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('tessera.oidc-keys'))`);
    const retired = await tx
      .update(signingKeys)
      .set({ retiredAt: now })
      .where(and(eq(signingKeys.use, 'oidc'), isNull(signingKeys.retiredAt)))
      .returning({ kid: signingKeys.kid });
    for (const alg of OIDC_ALGS) await insertKey(tx, masterKey, alg);
    await tx.delete(signingKeys).where(and(eq(signingKeys.use, 'oidc'), lt(signingKeys.retiredAt, new Date(now.getTime() - RETIRED_KEY_GRACE_HOURS * 3_600_000))));
    return { retired: retired.length };
  });
}

/**
 * The private JWKS for oidc-provider: active keys first (newest first) so they are the ones that
 * sign, then retired keys still inside their grace period, published for verification.
 */
export async function loadOidcJwks(db: Queryable, masterKey: MasterKey, now = new Date()): Promise<{ keys: JsonWebKey[]; fingerprint: string }> {
  const rows = await db
    .select()
    .from(signingKeys)
    .where(eq(signingKeys.use, 'oidc'))
    .orderBy(sql`${signingKeys.retiredAt} is not null`, desc(signingKeys.createdAt), asc(signingKeys.kid));
  const live = rows.filter((r) => !r.retiredAt || now.getTime() - r.retiredAt.getTime() < RETIRED_KEY_GRACE_HOURS * 3_600_000);
  return {
    keys: live.map((r) => JSON.parse(masterKey.decrypt(r.privateSealed, sealContext(r.kid))) as JsonWebKey),
    fingerprint: live.map((r) => `${r.kid}:${r.retiredAt ? 'r' : 'a'}`).join(','),
  };
}
