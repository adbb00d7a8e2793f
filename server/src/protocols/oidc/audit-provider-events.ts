import type { KoaContextWithOIDC, Provider } from 'oidc-provider';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import type { HttpDeps } from '../../http/deps.ts';
import type { ClientCache } from './client-cache.ts';

type Pending = { audits?: Promise<unknown>[] };
/** Settled at once (no unhandled rejection), thrown when awaited: a failed audit fails the request, as elsewhere. */
const settled = (p: Promise<unknown>) => p.then(() => null, (err: unknown) => err ?? new Error('audit failed'));

/**
 * What only the provider sees, audited where it happens: every authorization that hands a person's
 * code to an application (through an interaction or straight through an existing session, once
 * each), and a reused code or refresh token (RFC 9700 §4.14.2: the provider revokes the grant; the
 * organization should hear of it). The writes are awaited before the response leaves (see `use`).
 */
export function auditProviderEvents(provider: Provider, deps: HttpDeps, clients: ClientCache) {
  const later = (ctx: KoaContextWithOIDC, write: () => Promise<unknown>) => {
    const state = ctx.state as Pending;
    (state.audits ??= []).push(settled(write()));
  };
  const by = (ctx: KoaContextWithOIDC, actorUserId: string | null) => ({ ip: ctx.ip, userAgent: String(ctx.get('user-agent') ?? ''), actorUserId });

  provider.on('authorization.success', (ctx: KoaContextWithOIDC, out: Record<string, unknown> | undefined) => {
    const accountId = ctx.oidc.session?.accountId;
    const clientId = ctx.oidc.client?.clientId;
    if (!accountId || !clientId || !out?.code) return;
    later(ctx, async () => {
      const app = (await clients.get(clientId))?.app;
      if (app) await recordAudit(deps.db, by(ctx, accountId), { event: 'app.sso', outcome: 'success', orgId: app.orgId, targetUserId: accountId, details: { appId: clientId, protocol: 'oidc' } });
    });
  });

  provider.on('grant.error', (ctx: KoaContextWithOIDC, err: { error?: string; error_detail?: string }) => {
    const clientId = ctx.oidc.client?.clientId;
    // oidc-provider's words for a replay ("authorization code already consumed", "refresh token already used").
    if (err.error !== 'invalid_grant' || !clientId || !/already (consumed|used)$/.test(err.error_detail ?? '')) return;
    later(ctx, async () => {
      const app = (await clients.get(clientId))?.app;
      const grantType = String((ctx.oidc.params as Record<string, unknown> | undefined)?.grant_type ?? '');
      if (app) await recordAudit(deps.db, by(ctx, null), { event: 'oidc.token_reused', outcome: 'failure', orgId: app.orgId, details: { appId: clientId, grantType, grantRevoked: true } });
    });
  });

  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    await next();
    const failed = (await Promise.all((ctx.state as Pending).audits ?? [])).find((e) => e !== null);
    if (failed) throw failed;
  };
}
