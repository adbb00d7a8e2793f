import type { Queryable } from '../../db/open.ts';
import { findOrgById, type Org } from '../orgs/org-store.ts';
import { parseOrgPolicies } from '../policies/org-policies.ts';
import { createSession } from './session-store.ts';
import type { AuditContext } from '../audit/record-audit.ts';

/** Opens a session with the lifetimes of the organization being entered. Returns the cookie value. */
export async function openSession(
  db: Queryable,
  input: { userId: string; orgId: string; amr: string[]; authTime: Date; mfaAt?: Date | null; passwordless?: boolean; org?: Org },
  ctx: AuditContext,
): Promise<{ token: string; maxAgeSeconds: number }> {
  const org = input.org ?? (await findOrgById(db, input.orgId));
  const policy = (org?.policies ?? parseOrgPolicies({})).session;
  // A passwordless session is re-verified (the authenticator touched again) after reverifyHours.
  const hours = input.passwordless ? Math.min(policy.absoluteHours, (org?.policies ?? parseOrgPolicies({})).mfa.reverifyHours) : policy.absoluteHours;
  const lifetimeMinutes = hours * 60;
  const { token } = await createSession(db, {
    userId: input.userId,
    orgId: input.orgId,
    amr: input.amr,
    authTime: input.authTime,
    mfaAt: input.mfaAt ?? null,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    idleMinutes: policy.idleMinutes,
    lifetimeMinutes,
  });
  return { token, maxAgeSeconds: lifetimeMinutes * 60 };
}
