import { interactionPolicy, type FindAccount, type KoaContextWithOIDC } from 'oidc-provider';
import { findLiveSessionWithPerson, type Session } from '../../domain/sessions/session-store.ts';
import type { User } from '../../domain/users/user-store.ts';
import { primeUser } from '../../flows/request-memo.ts';
import { checkAppAccess } from '../../flows/sso/check-app-access.ts';
import type { FlowDeps } from '../../flows/deps.ts';
import { cookieNames } from '../../http/plugins/cookies.ts';
import type { HttpDeps } from '../../http/deps.ts';
import type { ClientCache } from './client-cache.ts';

const { Check, Prompt } = interactionPolicy;

/** The Tessera session behind the browser's cookie, and its person, read inside oidc-provider's Koa context. */
const SIGNED_IN = Symbol('tessera session of this request');
/** Read once per request: the adoption below and the checks' verdict both ask. */
export function tesseraSessionOf(ctx: KoaContextWithOIDC, deps: HttpDeps): Promise<{ session: Session; user: User } | undefined> {
  const state = ctx.state as { [SIGNED_IN]?: Promise<{ session: Session; user: User } | undefined> };
  return (state[SIGNED_IN] ??= (async () => {
    const token = ctx.cookies.get(cookieNames(deps.config).session, { signed: false });
    return token && token.length <= 128 ? findLiveSessionWithPerson(deps.db, token) : undefined;
  })());
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

type Verdict = 'mirrors' | 'stale' | 'denied' | 'step_up';

/**
 * Whether the provider's own session may pass a person straight through: only while it still
 * mirrors a live Tessera session (same person, same sign-in, same MFA state) and the application's
 * access rules are still met. Worked out once per request, for the checks below.
 */
async function verdictOf(ctx: KoaContextWithOIDC, deps: HttpDeps, clients: ClientCache): Promise<Verdict> {
  const state = ctx.state as { tesseraVerdict?: Promise<Verdict> };
  return (state.tesseraVerdict ??= (async (): Promise<Verdict> => {
    const { oidc } = ctx;
    const provided = oidc.session;
    const signedIn = await tesseraSessionOf(ctx, deps);
    if (!signedIn || signedIn.session.userId !== provided?.accountId) return 'stale';
    const { session, user } = signedIn;
    if (provided.loginTs !== Math.floor(session.authTime.getTime() / 1000) || provided.acr !== acrOf(session)) return 'stale';
    const app = oidc.client && (await clients.get(oidc.client.clientId))?.app;
    if (!app) return 'stale';
    const access = await checkAppAccess(session, app, koaFlowDeps(ctx, deps, user), { requireMfa: wantsMfa(ctx) });
    return access.kind === 'allowed' ? 'mirrors' : access.kind === 'denied' ? 'denied' : access.kind === 'step_up' ? 'step_up' : 'stale';
  })());
}

/**
 * Logging out of Tessera, signing in again, suspension, an unassignment or a step-up rule send the
 * request back through the interaction. With `prompt=none` the application learns why, in the
 * words of OIDC Core §3.1.2.6: `login_required` (no matching sign-in), `interaction_required` (a
 * second factor is needed first), or `access_denied` (the person may not use it: RFC 6749 §4.1.2.1).
 */
export function tesseraSessionChecks(deps: HttpDeps, clients: ClientCache) {
  const check = (name: string, error: string, description: string, asks: Verdict) =>
    new Check(name, description, error, async (ctx: KoaContextWithOIDC) => {
      if (!ctx.oidc.session?.accountId || ctx.oidc.result?.login) return Check.NO_NEED_TO_PROMPT;
      return (await verdictOf(ctx, deps, clients)) === asks ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT;
    });
  return [
    check('tessera_session', 'login_required', 'End-User authentication is required', 'stale'),
    check('tessera_access', 'access_denied', 'The End-User may not use this application', 'denied'),
    check('tessera_step_up', 'interaction_required', 'A second factor is required first', 'step_up'),
  ];
}

type LoadGrant = (ctx: KoaContextWithOIDC) => Promise<InstanceType<KoaContextWithOIDC['oidc']['provider']['Grant']> | undefined>;
const ADOPTED = Symbol('tessera session adopted');
/** Whether this request's provider session was just made from the Tessera session (see below). */
export const adoptedTesseraSession = (ctx: KoaContextWithOIDC) => (ctx.state as { [ADOPTED]?: boolean })[ADOPTED] === true;

/**
 * `prompt=none` from a browser signed in to Tessera but never sent to this issuer before (the
 * person signed in at the portal, then an application tries silent sign-in): without a provider
 * session oidc-provider answers login_required, though a visible request would pass straight
 * through. This prompt, evaluated before `login`, makes the provider session from the Tessera one
 * (the same person, sign-in time, amr and acr as the interaction would give), and then does what
 * oidc-provider's loadAccount and loadGrant did earlier in the request with no session to go on.
 * The `login` prompt's checks (above) then judge it as any other: no access → access_denied, a
 * second factor wanted → interaction_required, consent not given → consent_required.
 * It never asks for anything itself.
 */
export function adoptTesseraSession(deps: HttpDeps, clients: ClientCache, findAccount: FindAccount, loadGrant: LoadGrant) {
  return new Prompt(
    { name: 'tessera_adopt', requestable: false },
    new Check('tessera_adopt', 'The Tessera session is taken on', async (ctx: KoaContextWithOIDC) => {
      const { oidc } = ctx;
      const provided = oidc.session;
      if (!provided || provided.accountId || !oidc.prompts.has('none') || !oidc.client) return Check.NO_NEED_TO_PROMPT;
      const signedIn = await tesseraSessionOf(ctx, deps);
      if (!signedIn) return Check.NO_NEED_TO_PROMPT;
      const { session } = signedIn;
      provided.loginAccount({ accountId: session.userId, loginTs: Math.floor(session.authTime.getTime() / 1000), amr: session.amr, acr: acrOf(session) });
      (ctx.state as { [ADOPTED]?: boolean })[ADOPTED] = true;
      // Only for a person the application's rules let in: the rest are answered by the login checks.
      if ((await verdictOf(ctx, deps, clients)) !== 'mirrors') return Check.NO_NEED_TO_PROMPT;
      const account = await findAccount(ctx, session.userId);
      if (!account) return Check.NO_NEED_TO_PROMPT;
      oidc.entity('Account', account);
      const grant = (await loadGrant(ctx)) ?? new oidc.provider.Grant({ accountId: session.userId, clientId: oidc.client.clientId });
      provided.ensureClientContainer(oidc.client.clientId);
      if (grant.jti) provided.grantIdFor(oidc.client.clientId, grant.jti);
      oidc.entity('Grant', grant);
      return Check.NO_NEED_TO_PROMPT;
    }),
  );
}
