import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { findLiveSessionWithPerson, type Session } from '../../domain/sessions/session-store.ts';
import type { User } from '../../domain/users/user-store.ts';
import { primeUser } from '../../flows/request-memo.ts';
import { checkAppAccess } from '../../flows/sso/check-app-access.ts';
import type { FlowDeps } from '../../flows/deps.ts';
import { cookieNames } from '../../http/plugins/cookies.ts';
import type { HttpDeps } from '../../http/deps.ts';
import type { ClientCache } from './client-cache.ts';

const { Check } = interactionPolicy;

/** The Tessera session behind the browser's cookie, and its person, read inside oidc-provider's Koa context. */
export async function tesseraSessionOf(ctx: KoaContextWithOIDC, deps: HttpDeps): Promise<{ session: Session; user: User } | undefined> {
  const token = ctx.cookies.get(cookieNames(deps.config).session, { signed: false });
  return token && token.length <= 128 ? findLiveSessionWithPerson(deps.db, token) : undefined;
}

/** `user`: the person this request already read, so the access rules do not read them again. */
export function koaFlowDeps(ctx: KoaContextWithOIDC, deps: HttpDeps, user?: User): FlowDeps {
  const fd: FlowDeps = {
    db: deps.db,
    publicUrl: deps.config.publicUrl,
    argon2: deps.argon2,
    masterKey: deps.masterKey,
    mailQueued: deps.mailQueued,
    ctx: { ip: ctx.ip, userAgent: String(ctx.get('user-agent') ?? ''), actorUserId: null },
    memo: new Map(),
  };
  if (user) primeUser(fd, user);
  return fd;
}

export const acrOf = (session: Session) => (session.mfaAt ? 'mfa' : 'pwd');
export const wantsMfa = (ctx: KoaContextWithOIDC) => String(ctx.oidc.params?.acr_values ?? '').split(' ').includes('mfa');

/**
 * The provider's own session may pass a person straight through only while it still mirrors a
 * live Tessera session: same person, same sign-in, same MFA state, and the application's access
 * rules still met. Logging out of Tessera, signing in again, suspension, an unassignment or a
 * step-up rule all send the request back through the interaction (or fail `prompt=none`).
 */
export function tesseraSessionCheck(deps: HttpDeps, clients: ClientCache) {
  return new Check('tessera_session', 'End-User authentication is required', 'login_required', async (ctx: KoaContextWithOIDC) => {
    const { oidc } = ctx;
    const provided = oidc.session;
    if (!provided?.accountId || oidc.result?.login) return Check.NO_NEED_TO_PROMPT;
    const signedIn = await tesseraSessionOf(ctx, deps);
    if (!signedIn || signedIn.session.userId !== provided.accountId) return Check.REQUEST_PROMPT;
    const { session, user } = signedIn;
    if (provided.loginTs !== Math.floor(session.authTime.getTime() / 1000) || provided.acr !== acrOf(session)) return Check.REQUEST_PROMPT;
    const app = oidc.client && (await clients.get(oidc.client.clientId))?.app;
    if (!app) return Check.REQUEST_PROMPT;
    const access = await checkAppAccess(session, app, koaFlowDeps(ctx, deps, user), { requireMfa: wantsMfa(ctx) });
    return access.kind === 'allowed' ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
  });
}
