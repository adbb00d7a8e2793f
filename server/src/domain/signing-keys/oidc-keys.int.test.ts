import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { openTestDatabase } from '../../../test/test-database.ts';
import type { Database } from '../../db/open.ts';
import { signingKeys } from '../../db/schema/index.ts';
import { createMasterKey } from '../secrets/master-key.ts';
import { ensureOidcKeys, loadOidcJwks, rotateOidcKeys, RETIRED_KEY_GRACE_HOURS } from './oidc-keys.ts';

let database: Database;
const masterKey = createMasterKey(randomBytes(32));
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe('OIDC signing keys', () => {
  it('makes one ES256 and one RS256 key, even when several processes start at once, sealed at rest', async () => {
    await Promise.all([ensureOidcKeys(database.db, masterKey), ensureOidcKeys(database.db, masterKey), ensureOidcKeys(database.db, masterKey)]);
    const rows = await database.db.select().from(signingKeys).where(eq(signingKeys.use, 'oidc'));
    expect(rows.map((r) => r.alg).sort()).toEqual(['ES256', 'RS256']);
    for (const row of rows) {
      expect(row.privateSealed).not.toContain('"d"');
      expect(JSON.stringify(row.publicJwk)).not.toContain('"d"');
    }
  });

  it('rotates: new keys first in the JWKS, old ones kept for verification, dropped after the grace period', async () => {
    const before = await loadOidcJwks(database.db, masterKey);
    await rotateOidcKeys(database.db, masterKey);
    const after = await loadOidcJwks(database.db, masterKey);
    expect(after.fingerprint).not.toBe(before.fingerprint);
    expect(after.keys).toHaveLength(4);
    const oldKids = before.keys.map((k) => (k as { kid: string }).kid);
    expect(after.keys.slice(0, 2).map((k) => (k as { kid: string }).kid).some((kid) => oldKids.includes(kid))).toBe(false);
    expect(after.keys.slice(2).map((k) => (k as { kid: string }).kid).sort()).toEqual([...oldKids].sort());

    const later = new Date(Date.now() + (RETIRED_KEY_GRACE_HOURS + 1) * 3_600_000);
    expect((await loadOidcJwks(database.db, masterKey, later)).keys).toHaveLength(2);
    await rotateOidcKeys(database.db, masterKey, later);
    const rows = await database.db.select().from(signingKeys).where(eq(signingKeys.use, 'oidc'));
    // The first keys, retired more than a day before `later`, are gone; the second pair is retired now.
    expect(rows.filter((r) => oldKids.includes(r.kid))).toHaveLength(0);
    expect(rows).toHaveLength(4);
  });

  it('cannot read a key sealed under another master key', async () => {
    await expect(loadOidcJwks(database.db, createMasterKey(randomBytes(32)))).rejects.toThrow();
  });
});
