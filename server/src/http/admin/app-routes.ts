import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addGroupMemberInput, adminAppPageSchema, adminAppSchema, assignAppInput, createBookmarkAppInput, createGroupInput, groupMemberPageSchema, groupPageSchema, groupSchema, ICON_MAX_CHARS } from '../../../../contract/apps.ts';
import { bodyLimitFor } from '../body-limit.ts';
import { listAppsQuery, listGroupMembersQuery, listGroupsQuery } from '../../../../contract/admin-lists.ts';
import { AppError } from '../../errors.ts';
import { appMfaPolicyOf, assignApp, createApp, findOrgApp, listOrgApps, type AppRow } from '../../domain/apps/app-store.ts';
import { addGroupMember, createGroup, deleteGroup, findOrgGroup, listGroupMembers, listOrgGroups, removeGroupMember, renameGroup } from '../../domain/groups/group-store.ts';
import { findMembership } from '../../domain/users/user-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { requestContext, type HttpDeps } from '../deps.ts';
import { requireAdmin } from '../plugins/authenticate.ts';

const idParams = z.object({ id: z.uuid() });

/** Applications and groups of the administrator's organization; another organization's answer 404. */
export async function adminAppRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function memberOf(orgId: string, userId: string) {
    if (!(await findMembership(deps.db, orgId, userId))) throw new AppError('user.not_found', 'No such user in this organization.');
  }

  // Never the protocol settings (hashed secrets, sealed keys): each type's own endpoint reads those
  // back, without anything secret. adminAppSchema is the allow-list.
  const toAdminApp = ({ protocol: _protocol, ...app }: AppRow) => ({ ...app, mfaPolicy: appMfaPolicyOf(app), createdAt: app.createdAt.toISOString() });

  r.get('/api/admin/apps', { schema: { querystring: listAppsQuery, response: { 200: adminAppPageSchema } } }, async (req) => {
    const { orgId } = await requireAdmin(req, deps);
    const page = await listOrgApps(deps.db, orgId, req.query);
    return { ...page, items: page.items.map(toAdminApp) };
  });

  r.post('/api/admin/apps', { bodyLimit: bodyLimitFor(ICON_MAX_CHARS), schema: { body: createBookmarkAppInput, response: { 201: adminAppSchema } } }, async (req, res) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    const created = await deps.db.transaction(async (tx) => {
      const row = await createApp(tx, orgId, req.body);
      await recordAudit(tx, requestContext(req, actorId), { event: 'app.created', outcome: 'success', orgId: orgId, details: { appId: row.id, name: row.name } });
      return row;
    });
    return res.status(201).send(toAdminApp(created));
  });

  r.post('/api/admin/apps/:id/assignments', { schema: { params: idParams, body: assignAppInput } }, async (req, res) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    if (!(await findOrgApp(deps.db, orgId, req.params.id))) throw new AppError('app.not_found', 'No such application.');
    if ('userId' in req.body) await memberOf(orgId, req.body.userId);
    else if (!(await findOrgGroup(deps.db, orgId, req.body.groupId))) throw new AppError('group.not_found', 'No such group.');
    const targetUserId = 'userId' in req.body ? req.body.userId : null;
    await deps.db.transaction(async (tx) => {
      await assignApp(tx, req.params.id, req.body);
      await recordAudit(tx, requestContext(req, actorId), { event: 'app.assigned', outcome: 'success', orgId: orgId, targetUserId, details: { appId: req.params.id, ...req.body } });
    });
    return res.status(204).send();
  });

  r.get('/api/admin/groups', { schema: { querystring: listGroupsQuery, response: { 200: groupPageSchema } } }, async (req) => {
    const { orgId } = await requireAdmin(req, deps);
    const page = await listOrgGroups(deps.db, orgId, req.query);
    return { ...page, items: page.items.map((g) => ({ ...g, createdAt: g.createdAt.toISOString() })) };
  });

  r.post('/api/admin/groups', { schema: { body: createGroupInput, response: { 201: groupSchema } } }, async (req, res) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    const group = await deps.db.transaction(async (tx) => {
      const row = await createGroup(tx, orgId, req.body.name);
      await recordAudit(tx, requestContext(req, actorId), { event: 'group.created', outcome: 'success', orgId: orgId, details: { groupId: row.id, name: row.name } });
      return row;
    });
    return res.status(201).send({ ...group, createdAt: group.createdAt.toISOString() });
  });

  r.post('/api/admin/groups/:id', { schema: { params: idParams, body: createGroupInput } }, async (req, res) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    if (!(await renameGroup(deps.db, orgId, req.params.id, req.body.name))) throw new AppError('group.not_found', 'No such group.');
    await recordAudit(deps.db, requestContext(req, actorId), { event: 'group.renamed', outcome: 'success', orgId, details: { groupId: req.params.id, name: req.body.name } });
    return res.status(204).send();
  });

  r.delete('/api/admin/groups/:id', { schema: { params: idParams } }, async (req, res) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    await deps.db.transaction(async (tx) => {
      const deleted = await deleteGroup(tx, orgId, req.params.id);
      if (!deleted) throw new AppError('group.not_found', 'No such group.');
      await recordAudit(tx, requestContext(req, actorId), { event: 'group.deleted', outcome: 'success', orgId, details: { groupId: req.params.id, name: deleted.name } });
    });
    return res.status(204).send();
  });

  r.delete('/api/admin/groups/:id/members/:userId', { schema: { params: z.object({ id: z.uuid(), userId: z.uuid() }) } }, async (req, res) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    if (!(await findOrgGroup(deps.db, orgId, req.params.id))) throw new AppError('group.not_found', 'No such group.');
    if (!(await removeGroupMember(deps.db, req.params.id, req.params.userId))) throw new AppError('user.not_found', 'Not a member of this group.');
    await recordAudit(deps.db, requestContext(req, actorId), { event: 'group.member_removed', outcome: 'success', orgId, targetUserId: req.params.userId, details: { groupId: req.params.id } });
    return res.status(204).send();
  });

  r.get('/api/admin/groups/:id/members', { schema: { params: idParams, querystring: listGroupMembersQuery, response: { 200: groupMemberPageSchema } } }, async (req) => {
    const { orgId } = await requireAdmin(req, deps);
    if (!(await findOrgGroup(deps.db, orgId, req.params.id))) throw new AppError('group.not_found', 'No such group.');
    return listGroupMembers(deps.db, req.params.id, req.query);
  });

  r.post('/api/admin/groups/:id/members', { schema: { params: idParams, body: addGroupMemberInput } }, async (req, res) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    if (!(await findOrgGroup(deps.db, orgId, req.params.id))) throw new AppError('group.not_found', 'No such group.');
    await memberOf(orgId, req.body.userId);
    await addGroupMember(deps.db, req.params.id, req.body.userId);
    await recordAudit(deps.db, requestContext(req, actorId), { event: 'group.member_added', outcome: 'success', orgId: orgId, targetUserId: req.body.userId, details: { groupId: req.params.id } });
    return res.status(204).send();
  });
}
