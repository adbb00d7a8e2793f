import { AppError } from '../../errors.ts';
import { createInvitationInput } from '../../../../contract/invitations.ts';
import { createInvitation, reissueInvitation, INVITATION_TTL_DAYS, type InvitationRow } from '../../domain/invitations/invitation-store.ts';
import { findOrgById, type Org } from '../../domain/orgs/org-store.ts';
import type { Queryable } from '../../db/open.ts';
import { findMembership, findUserByEmail, findUserById, isUsernameTaken } from '../../domain/users/user-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import type { FlowDeps } from '../deps.ts';

export const invitationUrl = (publicUrl: string, token: string) => `${publicUrl}/invite#token=${token}`;

/** An administrator invites an address to their organization; the mail is queued, not sent inline. */
export async function sendInvitation(orgId: string, input: unknown, deps: FlowDeps): Promise<InvitationRow & { replacedEarlier: boolean }> {
  const data = createInvitationInput.parse(input);
  const existing = await findUserByEmail(deps.db, data.email);
  if (existing && (await findMembership(deps.db, orgId, existing.id))) {
    throw new AppError('user.already_member', 'This person is already a member of the organization.');
  }
  // Refused now rather than when the invitee accepts, which would fail on the unique index after
  // they had chosen a password, with nothing they could do about it.
  if (data.username && (await isUsernameTaken(deps.db, orgId, data.username))) {
    throw new AppError('user.username_taken', 'This username is already taken in the organization.');
  }
  const org = (await findOrgById(deps.db, orgId))!;
  const inviter = deps.ctx.actorUserId ? await findUserById(deps.db, deps.ctx.actorUserId) : undefined;
  const invitation = await deps.db.transaction(async (tx) => {
    const { token, invitation, replaced } = await createInvitation(tx, { orgId, ...data, invitedBy: deps.ctx.actorUserId ?? null });
    await mailInvitation(tx, invitation, token, org, inviter && `${inviter.firstName} ${inviter.lastName}`.trim(), existing?.language ?? data.language, deps);
    await recordAudit(tx, deps.ctx, { event: 'invitation.sent', outcome: 'success', orgId, details: { invitationId: invitation.id, email: invitation.email, role: invitation.role, ...(replaced && { replaced: replaced.id }) } });
    return { ...invitation, replacedEarlier: Boolean(replaced) };
  });
  deps.mailQueued();
  return invitation;
}

/** A new link for the same invitation: the old one stops working. */
export async function resendInvitation(orgId: string, invitationId: string, deps: FlowDeps): Promise<InvitationRow> {
  const org = (await findOrgById(deps.db, orgId))!;
  const invitation = await deps.db.transaction(async (tx) => {
    const reissued = await reissueInvitation(tx, orgId, invitationId);
    if (!reissued) throw new AppError('token.invalid', 'This invitation was already accepted or revoked.', { status: 404 });
    // The same mail again: from whoever invited, in the invitee's language or the one first chosen.
    const { invitation } = reissued;
    const inviter = invitation.invitedBy ? await findUserById(tx, invitation.invitedBy) : undefined;
    const invitee = await findUserByEmail(tx, invitation.email);
    await mailInvitation(tx, invitation, reissued.token, org, inviter && `${inviter.firstName} ${inviter.lastName}`.trim(), invitee?.language ?? invitation.language ?? undefined, deps);
    await recordAudit(tx, deps.ctx, { event: 'invitation.resent', outcome: 'success', orgId, details: { invitationId } });
    return reissued.invitation;
  });
  deps.mailQueued();
  return invitation;
}

async function mailInvitation(db: Queryable, invitation: InvitationRow, token: string, org: Org, inviterName: string | undefined, lang: string | undefined, deps: FlowDeps) {
  await enqueueMail(db, {
    to: invitation.email,
    template: 'invitation',
    lang: lang ?? 'en',
    orgId: invitation.orgId,
    vars: { orgName: org.branding.displayName || org.name, accentColor: org.branding.accentColor, inviterName: inviterName || undefined, url: invitationUrl(deps.publicUrl, token), days: INVITATION_TTL_DAYS },
  });
}
