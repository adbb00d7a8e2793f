import type { Queryable } from '../../db/open.ts';
import { orgs } from '../../db/schema/index.ts';
import { parseOrgPolicies, strictestLockout, type LockoutPolicy } from '../policies/org-policies.ts';

/**
 * The lockout an address with no account gets: the strictest of the instance's organizations, so
 * that with one organization (or equal policies) an unknown address locks exactly like a real one.
 */
export async function instanceLockoutPolicy(db: Queryable): Promise<LockoutPolicy> {
  const rows = await db.select({ policies: orgs.policies }).from(orgs);
  return strictestLockout(rows.map((r) => parseOrgPolicies(r.policies).lockout));
}
