import { AppError } from '../../errors.ts';
import { listConsents, revokeConsent } from '../../domain/apps/consent-store.ts';
import { revokeUserClientOidcGrants } from '../../domain/oidc/oidc-payload-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import type { User } from '../../domain/users/user-store.ts';
import type { MyConsent } from '../../../../contract/consents.ts';
import type { FlowDeps } from '../deps.ts';

/** Security → "Applications you allowed". */
export async function listMyConsents(user: User, deps: FlowDeps): Promise<MyConsent[]> {
  return (await listConsents(deps.db, user.id)).map((c) => ({ appId: c.appId, name: c.name, scopes: c.scopes, grantedAt: c.grantedAt.toISOString() }));
}

/**
 * Withdrawing consent is more than forgetting the answer: what the application holds from it — its
 * grant, refresh and access tokens — ends too, so it must ask again before it sees anything more.
 */
export async function withdrawMyConsent(user: User, appId: string, deps: FlowDeps): Promise<void> {
  const consent = (await listConsents(deps.db, user.id)).find((c) => c.appId === appId);
  if (!consent) throw new AppError('app.not_found', 'You have not allowed this application anything.');
  await deps.db.transaction(async (tx) => {
    await revokeConsent(tx, user.id, appId);
    // The application's OIDC client id is its id.
    await revokeUserClientOidcGrants(tx, user.id, appId);
    await recordAudit(tx, { ...deps.ctx, actorUserId: user.id }, { event: 'app.consent_withdrawn', outcome: 'success', orgId: consent.orgId, targetUserId: user.id, details: { appId, scopes: consent.scopes } });
  });
}
