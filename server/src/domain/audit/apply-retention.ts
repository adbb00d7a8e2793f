import { sql } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { orgs } from '../../db/schema/index.ts';
import { parseOrgPolicies } from '../policies/org-policies.ts';
import { rowsOf } from '../lockout/lockout-store.ts';

/** Events of no organization (unknown addresses) are kept as long as the default. */
const INSTANCE_RETENTION_DAYS = 365;

/**
 * Deletes audit events past each organization's retention. The database trigger only allows it in
 * a transaction that declares itself the retention job, and never for events younger than 30 days.
 */
export async function applyAuditRetention(db: Db): Promise<number> {
  const all = await db.select({ id: orgs.id, policies: orgs.policies }).from(orgs);
  let deleted = 0;
  for (const target of [...all.map((o) => ({ id: o.id as string | null, days: parseOrgPolicies(o.policies).audit.retentionDays })), { id: null, days: INSTANCE_RETENTION_DAYS }]) {
    deleted += await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('tessera.audit_retention', 'on', true)`);
      const scope = target.id === null ? sql`org_id is null` : sql`org_id = ${target.id}`;
      const result = await tx.execute(sql`delete from audit_events where ${scope} and at < now() - make_interval(days => ${target.days}) returning 1`);
      return rowsOf(result).length;
    });
  }
  return deleted;
}
