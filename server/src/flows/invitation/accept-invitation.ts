import { AppError } from '../../errors.ts';
import { acceptInvitationInput, checkInvitationInput } from '../../../../contract/invitations.ts';
import { findPendingInvitationByToken, markInvitationAccepted } from '../../domain/invitations/invitation-store.ts';
import { findOrgById } from '../../domain/orgs/org-store.ts';
import { addMembership, createUser, findUserByEmail, listMemberships, type Membership } from '../../domain/users/user-store.ts';
import { strictestPasswordPolicy } from '../../../../contract/password-policy.ts';
import { checkNewPassword } from '../../domain/credentials/check-new-password.ts';
import { hashPassword } from '../../domain/credentials/password-hash.ts';
import { openSession } from '../../domain/sessions/open-session.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { switchSessionOrg, type Session } from '../../domain/sessions/session-store.ts';
import type { FlowDeps } from '../deps.ts';

const invalidLink = () => new AppError('token.invalid', 'This invitation link is not valid any more. Ask your administrator for a new one.');

export async function checkInvitation(input: unknown, deps: FlowDeps) {
  const { token } = checkInvitationInput.parse(input);
  const invitation = await findPendingInvitationByToken(deps.db, token);
  if (!invitation) throw invalidLink();
  const org = (await findOrgById(deps.db, invitation.orgId))!;
  const user = await findUserByEmail(deps.db, invitation.email);
  const memberships = user ? await listMemberships(deps.db, user.id) : [];
  const policy = strictestPasswordPolicy([org.policies.password, ...memberships.map((m) => m.policies.password)]);
  const joinsBeforeSignIn = Boolean(user) && !canSignInSomewhere(memberships);
  return { email: invitation.email, organization: { slug: org.slug, name: org.name }, accountExists: Boolean(user), joinsBeforeSignIn, policy };
}

/** Sign-in admits only to an organization where the person is an active member. */
const canSignInSomewhere = (memberships: Membership[]) => memberships.some((m) => !m.suspended);

/**
 * New address: the password creates the account and signs the person in. Existing account: the
 * person must be signed in as the invitee (no second password); the membership is added.
 */
export async function acceptInvitation(input: unknown, session: Session | undefined, deps: FlowDeps): Promise<{ redirectTo: string; session?: { token: string; maxAgeSeconds: number } }> {
  const { token, password, language } = acceptInvitationInput.parse(input);
  const invitation = await findPendingInvitationByToken(deps.db, token);
  if (!invitation) throw invalidLink();
  const existing = await findUserByEmail(deps.db, invitation.email);

  if (existing && !session && !canSignInSomewhere(await listMemberships(deps.db, existing.id))) {
    // Signing in first is impossible for them. The link proves the address, as it does for a new
    // account; the account's own password (and factors) still guard the sign-in that follows.
    await deps.db.transaction(async (tx) => {
      if (!(await markInvitationAccepted(tx, token))) throw invalidLink();
      await addMembership(tx, { orgId: invitation.orgId, userId: existing.id, role: invitation.role, username: invitation.username });
      await recordAudit(tx, { ...deps.ctx, actorUserId: existing.id }, { event: 'invitation.accepted', outcome: 'success', orgId: invitation.orgId, targetUserId: existing.id, details: { beforeSignIn: true } });
    });
    return { redirectTo: '/login?notice=joined' };
  }

  if (existing) {
    if (!session) throw new AppError('auth.required', 'Sign in to accept this invitation.');
    if (session.userId !== existing.id) throw new AppError('invitation.email_mismatch', 'This invitation was sent to another e-mail address.');
    await deps.db.transaction(async (tx) => {
      if (!(await markInvitationAccepted(tx, token))) throw invalidLink();
      await addMembership(tx, { orgId: invitation.orgId, userId: existing.id, role: invitation.role, username: invitation.username });
      // The person came to join this organization: their session continues in it.
      await switchSessionOrg(tx, session.id, invitation.orgId);
      // Not a proof of the address (email_verified_at stays null on an account an administrator
      // made): its maker may know the password too, and a proven address would wake the recovery
      // e-mail they set and spare their factors at the owner's first reset (see claim-account.ts).
      await recordAudit(tx, { ...deps.ctx, actorUserId: existing.id }, { event: 'invitation.accepted', outcome: 'success', orgId: invitation.orgId, targetUserId: existing.id });
    });
    return { redirectTo: '/' };
  }

  if (!password) throw new AppError('request.invalid', 'Choose a password to create your account.');
  const org = (await findOrgById(deps.db, invitation.orgId))!;
  await checkNewPassword(org.policies.password, password, { email: invitation.email, usernames: [invitation.username] });
  const passwordHash = await hashPassword(password, deps.argon2);
  const userId = await deps.db.transaction(async (tx) => {
    if (!(await markInvitationAccepted(tx, token))) throw invalidLink();
    const user = await createUser(tx, { email: invitation.email, firstName: invitation.firstName, lastName: invitation.lastName, language, passwordHash, emailVerified: true });
    await addMembership(tx, { orgId: invitation.orgId, userId: user.id, role: invitation.role, username: invitation.username });
    await recordAudit(tx, { ...deps.ctx, actorUserId: user.id }, { event: 'invitation.accepted', outcome: 'success', orgId: invitation.orgId, targetUserId: user.id, details: { accountCreated: true } });
    return user.id;
  });
  const newSession = await openSession(deps.db, { userId, orgId: invitation.orgId, amr: ['pwd'], authTime: new Date() }, deps.ctx);
  return { redirectTo: '/', session: newSession };
}
