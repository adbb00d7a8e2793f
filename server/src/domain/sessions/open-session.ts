import type { Queryable } from '../../db/open.ts';
import { findOrgById } from '../orgs/org-store.ts';
import { parseOrgPolicies } from '../policies/org-policies.ts';
import { createSession } from './session-store.ts';
import type { AuditContext } from '../audit/record-audit.ts';

/** Opens a session with the lifetimes of the organization being entered. Returns the cookie value. */
export async function openSession(
  db: Queryable,
  input: { userId: string; orgId: string; amr: string[]; authTime: Date },
  ctx: AuditContext,
): Promise<{ token: string; maxAgeSeconds: number }> {
  const org = await findOrgById(db, input.orgId);
  const policy = (org?.policies ?? parseOrgPolicies({})).session;
  const lifetimeMinutes = policy.absoluteHours * 60;
  const { token } = await createSession(db, {
    ...input,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    idleMinutes: policy.idleMinutes,
    lifetimeMinutes,
  });
  return { token, maxAgeSeconds: lifetimeMinutes * 60 };
}
