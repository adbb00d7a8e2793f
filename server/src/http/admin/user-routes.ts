import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminUserPageSchema, createUserInput, listUsersQuery, lockStateSchema, memberDetailSchema, memberSessionListSchema, updateUserInput } from '../../../../contract/admin-users.ts';
import { runAddUserCommand } from '../../flows/provisioning/commands.ts';
import { getLockState, lockoutKey } from '../../domain/lockout/lockout-store.ts';
import { findOrgById } from '../../domain/orgs/org-store.ts';
import { listOrgUsers } from '../../domain/users/list-org-users.ts';
import { listUserSessions } from '../../domain/sessions/session-store.ts';
import { describeUserAgent } from '../../domain/sessions/describe-user-agent.ts';
import { reactivateMember, removeMember, requireMember, requirePasswordChange, signOutMember, suspendMember, unlockMember, updateMember } from '../../flows/admin/manage-members.ts';
import { describeMember } from '../../flows/admin/describe-member.ts';
import { flowDeps, type HttpDeps } from '../deps.ts';
import { requireAdmin } from '../plugins/authenticate.ts';

const idParams = z.object({ id: z.uuid() });

/** Users of the administrator's organization. A user of another organization answers 404. */
export async function adminUserRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function admin(req: Parameters<typeof requireAdmin>[0]) {
    const { orgId, actorId } = await requireAdmin(req, deps);
    return { a: { orgId, adminId: actorId }, d: flowDeps(deps, req, actorId) };
  }

  r.get('/api/admin/users', { schema: { querystring: listUsersQuery, response: { 200: adminUserPageSchema } } }, async (req) => {
    const { a } = await admin(req);
    const org = (await findOrgById(deps.db, a.orgId))!;
    return listOrgUsers(deps.db, a.orgId, { ...req.query, maxAgeDays: org.policies.password.maxAgeDays });
  });

  /**
   * Create a member directly (with a password, or without: they choose one through Reset User
   * Password). An address that already has an account is invited instead (202): it joins only
   * when its owner accepts.
   */
  r.post('/api/admin/users', { schema: { body: createUserInput } }, async (req, res) => {
    const { a, d } = await admin(req);
    const org = (await findOrgById(deps.db, a.orgId))!;
    const { role, ...rest } = req.body;
    const result = await runAddUserCommand({ ...rest, org: org.slug, admin: role === 'admin', existingAccount: 'invite', via: 'admin' }, d);
    return res.status('invitationId' in result.data ? 202 : 201).send(result.data);
  });

  r.get('/api/admin/users/:id', { schema: { params: idParams, response: { 200: memberDetailSchema } } }, async (req) => {
    const { a, d } = await admin(req);
    return describeMember(d, a.orgId, req.params.id);
  });

  r.post('/api/admin/users/:id', { schema: { params: idParams, body: updateUserInput } }, async (req, res) => {
    const { a, d } = await admin(req);
    await updateMember(d, a, req.params.id, req.body);
    return res.status(204).send();
  });

  const actions = { suspend: suspendMember, reactivate: reactivateMember, 'require-password-change': requirePasswordChange, 'sign-out': signOutMember, unlock: unlockMember } as const;
  for (const [name, run] of Object.entries(actions)) {
    r.post(`/api/admin/users/:id/${name}`, { schema: { params: idParams } }, async (req, res) => {
      const { a, d } = await admin(req);
      await run(d, a, req.params.id);
      return res.status(204).send();
    });
  }

  r.delete('/api/admin/users/:id', { schema: { params: idParams } }, async (req, res) => {
    const { a, d } = await admin(req);
    await removeMember(d, a, req.params.id);
    return res.status(204).send();
  });

  r.get('/api/admin/users/:id/sessions', { schema: { params: idParams, response: { 200: memberSessionListSchema } } }, async (req) => {
    const { a, d } = await admin(req);
    const user = await requireMember(d, a.orgId, req.params.id);
    const items = (await listUserSessions(deps.db, user.id)).filter((s) => s.orgId === a.orgId);
    return { items: items.map((s) => ({ id: s.id, ...describeUserAgent(s.userAgent), ip: s.ip, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString() })) };
  });

  r.get('/api/admin/users/:id/lockout', { schema: { params: idParams, response: { 200: lockStateSchema } } }, async (req) => {
    const { a, d } = await admin(req);
    const user = await requireMember(d, a.orgId, req.params.id);
    return getLockState(deps.db, lockoutKey(user.emailCanonical));
  });

}
