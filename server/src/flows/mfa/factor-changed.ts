import { recordAudit } from '../../domain/audit/record-audit.ts';
import type { User } from '../../domain/users/user-store.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import type { FlowDeps } from '../deps.ts';
import type { AuditEventName } from '../../../../contract/audit-events.ts';

/**
 * Every change to a person's factors is audited and told to them by e-mail, wherever it was made
 * (Security page or sign-in): a factor they did not add is how an attacker with their password stays.
 */
export async function recordFactorChange(deps: FlowDeps, change: { user: User; orgId: string; event: AuditEventName; details: Record<string, unknown> }): Promise<void> {
  const { user, orgId, event, details } = change;
  await recordAudit(deps.db, { ...deps.ctx, actorUserId: user.id }, { event, outcome: 'success', orgId, targetUserId: user.id, details });
  await enqueueMail(deps.db, { to: user.email, template: 'mfa_changed', lang: user.language, vars: {}, orgId });
  deps.mailQueued();
}
