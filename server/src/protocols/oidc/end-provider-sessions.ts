import { and, eq, sql } from 'drizzle-orm';
import type Provider from 'oidc-provider';
import type { Db } from '../../db/open.ts';
import { oidcPayloads } from '../../db/schema/index.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { revokeGrantOidcPayloads } from '../../domain/oidc/oidc-payload-store.ts';
import type { SignedOut } from '../../domain/sessions/signed-out.ts';
import { AppError } from '../../errors.ts';
import { outboundFailureReason } from '../outbound/fetch-outbound.ts';

type ProviderSession = InstanceType<Provider['Session']> & { authorizations?: Record<string, { sid?: string; grantId?: string; persistsLogout?: boolean }> };

/**
 * Ends the provider sessions a Tessera sign-in started (same person, same sign-in time: the
 * provider's session mirrors it, see session-check.ts; two sign-ins of one person within the same
 * second would both end, the safe side), as the provider's own end_session does:
 * each grant that does not outlive a logout (no offline_access) ends with its tokens, the session
 * is destroyed, and every application that registered a back-channel logout URI is sent a signed
 * logout token. Those calls run after the answer; each outcome is audited in the application's
 * organization.
 */
export async function endProviderSessions(provider: Provider, db: Db, ended: SignedOut, orgOfClient: (clientId: string) => Promise<string | undefined>): Promise<void> {
  const loginTs = Math.floor(ended.authTime.getTime() / 1000);
  const rows = await db
    .select({ id: oidcPayloads.id })
    .from(oidcPayloads)
    .where(and(eq(oidcPayloads.model, 'Session'), eq(oidcPayloads.accountId, ended.userId), sql`(${oidcPayloads.payload}->>'loginTs')::bigint = ${loginTs}`));
  const notices: (() => Promise<void>)[] = [];
  for (const { id } of rows) {
    const session = (await provider.Session.find(id)) as ProviderSession | undefined;
    if (!session) continue;
    for (const [clientId, { sid, grantId, persistsLogout }] of Object.entries(session.authorizations ?? {})) {
      if (grantId && !persistsLogout) await revokeGrantOidcPayloads(db, grantId);
      notices.push(() => tell(provider, db, ended, clientId, sid, orgOfClient));
    }
    await session.destroy();
  }
  void Promise.all(notices.map((notice) => notice()));
}

async function tell(provider: Provider, db: Db, ended: SignedOut, clientId: string, sid: string | undefined, orgOfClient: (clientId: string) => Promise<string | undefined>): Promise<void> {
  try {
    // oidc-provider's typings omit the client's backchannelLogout (used by its own end_session).
    const client = (await provider.Client.find(clientId)) as { backchannelLogoutUri?: string; backchannelLogout(sub: string, sid: string | undefined): Promise<void> } | undefined;
    if (!client?.backchannelLogoutUri) return;
    const reason = await client.backchannelLogout(ended.userId, sid).then(
      () => undefined,
      (err: unknown) => (err instanceof AppError ? outboundFailureReason(err) : 'rejected'),
    );
    await recordAudit(db, { ip: ended.ip, userAgent: ended.userAgent, actorUserId: ended.userId }, { event: 'app.backchannel_logout', outcome: reason ? 'failure' : 'success', orgId: await orgOfClient(clientId), targetUserId: ended.userId, details: { appId: clientId, ...(reason ? { reason } : {}) } });
  } catch {
    // The sign-out itself is done; a notice that could not even be attempted leaves nothing to undo.
  }
}
