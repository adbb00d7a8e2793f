import type { KoaContextWithOIDC } from 'oidc-provider';
import { deleteSession } from '../../domain/sessions/session-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { cookieNames } from '../../http/plugins/cookies.ts';
import type { HttpDeps } from '../../http/deps.ts';
import { tesseraSessionOf } from './session-check.ts';

/**
 * RP-initiated logout ends the Tessera session too (one sign-in, one sign-out): once the person
 * confirmed on the logout page, the server-side session goes and the cookie is cleared. Only then:
 * with no provider session signed in, oidc-provider asks nothing and posts "logout" by itself, so
 * any page linking to the endpoint would otherwise sign a portal-only person out of Tessera.
 */
export function endTesseraSessionOnLogout(deps: HttpDeps) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    await next();
    if (ctx.oidc?.route !== 'end_session_confirm') return;
    const body = ctx.oidc.body as Record<string, unknown> | undefined;
    if (!body?.logout) return;
    const confirmedBy = ctx.oidc.session?.accountId;
    if (!confirmedBy) return;
    const session = (await tesseraSessionOf(ctx, deps))?.session;
    if (!session || session.userId !== confirmedBy) return;
    const by = { ip: ctx.ip, userAgent: String(ctx.get('user-agent') ?? '') };
    await deleteSession(deps.db, session.id, by);
    ctx.cookies.set(cookieNames(deps.config).session, null, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.secureCookies, signed: false });
    await recordAudit(deps.db, { ...by, actorUserId: session.userId }, { event: 'sign_out', outcome: 'success', orgId: session.orgId, targetUserId: session.userId, details: { via: 'oidc_logout', clientId: ctx.oidc.client?.clientId } });
  };
}
