import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { logoutInput, logoutResultSchema, switchOrganizationInput, type LogoutResult, type SessionInfo } from '../../../../contract/session.ts';
import { loginPathOf } from '../../../../contract/sign-in.ts';
import { startLogoutChain } from '../../protocols/saml/logout-chain.ts';
import { deleteSession } from '../../domain/sessions/session-store.ts';
import { switchOrganization } from '../../flows/account/switch-organization.ts';
import { listMemberships } from '../../domain/users/user-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { flowDeps, requestContext, type HttpDeps } from '../deps.ts';
import { findSignedIn, requireSignedIn } from '../plugins/authenticate.ts';
import { clearCookie } from '../plugins/cookies.ts';

const initials = (first: string, last: string, email: string) =>
  ((first[0] ?? '') + (last[0] ?? '')).toUpperCase() || email.slice(0, 2).toUpperCase();

/** Who is signed in, the organization switcher, and Log out. */
export async function sessionRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/session', async (req): Promise<SessionInfo> => {
    const { session, user } = await requireSignedIn(req, deps);
    const memberships = await listMemberships(deps.db, user.id);
    const active = memberships.find((m) => m.orgId === session.orgId)!;
    return {
      user: { id: user.id, email: user.email, firstName: user.firstName, lastName: user.lastName, initials: initials(user.firstName, user.lastName, user.email), language: user.language },
      organization: { slug: active.slug, name: active.name, role: active.role },
      organizations: memberships.map((m) => ({ slug: m.slug, name: m.name, role: m.role })),
      authTime: session.authTime.toISOString(),
      amr: session.amr,
    };
  });

  r.post('/api/session/organization', { schema: { body: switchOrganizationInput } }, async (req, res) => {
    const { session, user } = await requireSignedIn(req, deps);
    await switchOrganization(session, user.id, req.body.slug, flowDeps(deps, req, user.id));
    return res.status(204).send();
  });

  r.post('/api/auth/logout', { schema: { body: logoutInput, response: { 200: logoutResultSchema } } }, async (req, res): Promise<LogoutResult> => {
    const signedIn = await findSignedIn(req, deps);
    const loginPath = loginPathOf(req.body.portal);
    let redirectTo = loginPath;
    if (signedIn) {
      // While the session lives: the applications its browser goes through to sign out of.
      redirectTo = (await startLogoutChain(deps, signedIn.session, signedIn.user, loginPath)) ?? loginPath;
      await deleteSession(deps.db, signedIn.session.id, requestContext(req));
      await recordAudit(deps.db, requestContext(req, signedIn.user.id), { event: 'sign_out', outcome: 'success', orgId: signedIn.session.orgId, targetUserId: signedIn.user.id });
    }
    clearCookie(res, deps.config, 'session');
    return { redirectTo };
  });
}
