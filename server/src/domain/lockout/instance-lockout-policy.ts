import { createHmac } from 'node:crypto';
import { asc } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { orgs } from '../../db/schema/index.ts';
import { parseOrgPolicies, strictestLockout, type LockoutPolicy } from '../policies/org-policies.ts';

/**
 * The lockout an address with no account gets: one organization's, picked by a keyed hash of the
 * address, so the same address always locks the same way and the pick cannot be computed outside.
 * With one organization (or equal policies) an unknown address locks exactly like a real one. With
 * several, a fixed choice (the strictest, say) would tell itself apart: an address that outlasts it
 * would be a real member of a more lenient organization. Picked this way, each organization's policy
 * is also what some unknown addresses get, so no count of tries proves an account exists.
 */
export async function instanceLockoutPolicy(db: Queryable, pickKey: Buffer, canonicalIdentifier: string): Promise<LockoutPolicy> {
  const rows = await db.select({ policies: orgs.policies }).from(orgs).orderBy(asc(orgs.id));
  if (rows.length === 0) return strictestLockout([]);
  const pick = createHmac('sha256', pickKey).update(canonicalIdentifier).digest().readUInt32BE(0) % rows.length;
  return parseOrgPolicies(rows[pick].policies).lockout;
}
