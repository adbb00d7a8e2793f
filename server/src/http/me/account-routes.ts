import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePasswordInput, type MySession } from '../../../../contract/account.ts';
import { AppError } from '../../errors.ts';
import { changeMyPassword, describePassword } from '../../flows/account/change-password.ts';
import { deleteUserSession, deleteUserSessions, listUserSessions } from '../../domain/sessions/session-store.ts';
import { announceSignedOut } from '../../domain/sessions/signed-out.ts';
import { describeUserAgent } from '../../domain/sessions/describe-user-agent.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { flowDeps, requestContext, type HttpDeps } from '../deps.ts';
import { requireSignedIn } from '../plugins/authenticate.ts';
import { clearCookie } from '../plugins/cookies.ts';

const idParams = z.object({ id: z.uuid() });

/** Security → Password and Sessions and devices, for the signed-in person only. */
export async function myAccountRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/me/password', async (req) => {
    const { user } = await requireSignedIn(req, deps);
    return describePassword(user, flowDeps(deps, req, user.id));
  });

  r.post('/api/me/password', { schema: { body: changePasswordInput } }, async (req, res) => {
    const { user, session } = await requireSignedIn(req, deps);
    const result = await changeMyPassword(user, session, req.body, flowDeps(deps, req, user.id));
    if (result.signedOut) clearCookie(res, deps.config, 'session');
    return result;
  });

  r.get('/api/me/sessions', async (req): Promise<{ items: MySession[] }> => {
    const { user, session } = await requireSignedIn(req, deps);
    const rows = await listUserSessions(deps.db, user.id);
    return {
      items: rows.map((s) => ({
        id: s.id,
        ...describeUserAgent(s.userAgent),
        ip: s.ip,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        current: s.id === session.id,
      })),
    };
  });

  r.delete('/api/me/sessions/:id', { schema: { params: idParams } }, async (req, res) => {
    const { user, session } = await requireSignedIn(req, deps);
    if (!(await deleteUserSession(deps.db, user.id, req.params.id, requestContext(req)))) throw new AppError('session.not_found', 'No such session.');
    await recordAudit(deps.db, requestContext(req, user.id), { event: 'session.revoked', outcome: 'success', orgId: session.orgId, targetUserId: user.id });
    if (req.params.id === session.id) clearCookie(res, deps.config, 'session');
    return res.status(204).send();
  });

  r.post('/api/me/sessions/sign-out-others', async (req) => {
    const { user, session } = await requireSignedIn(req, deps);
    const ended = await deleteUserSessions(deps.db, user.id, session.id);
    for (const s of ended) await announceSignedOut(s, requestContext(req));
    await recordAudit(deps.db, requestContext(req, user.id), { event: 'session.revoked_others', outcome: 'success', orgId: session.orgId, targetUserId: user.id, details: { ended: ended.length } });
    return { ended: ended.length };
  });
}
