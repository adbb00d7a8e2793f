import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createInvitationInput, invitationPageSchema, sentInvitationSchema, type Invitation } from '../../../../contract/invitations.ts';
import { listInvitationsQuery } from '../../../../contract/admin-lists.ts';
import { AppError } from '../../errors.ts';
import { invitationStatus, listInvitations, revokeInvitation, type InvitationRow } from '../../domain/invitations/invitation-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { resendInvitation, sendInvitation } from '../../flows/invitation/send-invitation.ts';
import { BULK_CSV_MAX_CHARS, bulkInvite, bulkInviteInput } from '../../flows/invitation/bulk-invite.ts';
import { bodyLimitFor } from '../body-limit.ts';
import { flowDeps, requestContext, type HttpDeps } from '../deps.ts';
import { requireAdmin } from '../plugins/authenticate.ts';

const idParams = z.object({ id: z.uuid() });

const present = (row: InvitationRow): Invitation => ({
  id: row.id,
  email: row.email,
  role: row.role,
  status: invitationStatus(row),
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
});

/** Invitations of the administrator's active organization; others' answer 404. */
export async function adminInvitationRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/admin/invitations', { schema: { querystring: listInvitationsQuery, response: { 200: invitationPageSchema } } }, async (req) => {
    const { orgId } = await requireAdmin(req, deps);
    const page = await listInvitations(deps.db, orgId, req.query);
    return { ...page, items: page.items.map(present) };
  });

  r.post('/api/admin/invitations', { schema: { body: createInvitationInput, response: { 201: sentInvitationSchema } } }, async (req, res) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    const row = await sendInvitation(orgId, req.body, flowDeps(deps, req, actorId));
    return res.status(201).send({ ...present(row), replacedEarlier: row.replacedEarlier });
  });

  r.post('/api/admin/invitations/bulk', { bodyLimit: bodyLimitFor(BULK_CSV_MAX_CHARS, 3), schema: { body: bulkInviteInput } }, async (req) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    return bulkInvite(orgId, req.body, flowDeps(deps, req, actorId));
  });

  r.post('/api/admin/invitations/:id/resend', { schema: { params: idParams } }, async (req) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    return present(await resendInvitation(orgId, req.params.id, flowDeps(deps, req, actorId)));
  });

  r.delete('/api/admin/invitations/:id', { schema: { params: idParams } }, async (req, res) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    if (!(await revokeInvitation(deps.db, orgId, req.params.id))) {
      throw new AppError('token.invalid', 'No pending invitation with this id.', { status: 404 });
    }
    await recordAudit(deps.db, requestContext(req, actorId), { event: 'invitation.revoked', outcome: 'success', orgId: orgId, details: { invitationId: req.params.id } });
    return res.status(204).send();
  });
}
