import { and, eq, gt } from 'drizzle-orm';
import { AppError } from '../../errors.ts';
import {
  confirmRecoveryEmailInput,
  employmentInput,
  personalInput,
  profileDetailsInput,
  setRecoveryEmailInput,
  type Profile,
  type ProfileSection,
} from '../../../../contract/profile.ts';
import { memberships, users } from '../../db/schema/index.ts';
import { findOrgById } from '../../domain/orgs/org-store.ts';
import { findMembership, isUniqueViolation, listMemberships, type User } from '../../domain/users/user-store.ts';
import { hashToken, randomToken } from '../../domain/secrets/tokens.ts';
import { recordAudit, recordAuditForPerson } from '../../domain/audit/record-audit.ts';
import type { Session } from '../../domain/sessions/session-store.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import { mailLanguage, type FlowDeps } from '../deps.ts';
import { requireRecentAuthentication } from '../account/require-recent-authentication.ts';
import { canonicalizeEmail } from '../../domain/users/canonical-email.ts';

export type Me = { user: User; session: Session };
const RECOVERY_LINK_HOURS = 24;

/**
 * What the person may edit. Names and personal information belong to the one identity every
 * organization sees, so they are editable only where none of the person's organizations locked
 * them; employment information is the active organization's own.
 */
async function editableSections(me: Me, deps: FlowDeps): Promise<Record<ProfileSection, boolean>> {
  const all = await listMemberships(deps.db, me.user.id);
  const active = all.find((m) => m.orgId === me.session.orgId);
  return {
    details: all.every((m) => m.policies.profile.details),
    personal: all.every((m) => m.policies.profile.personal),
    employment: active?.policies.profile.employment ?? false,
  };
}

export async function getMyProfile({ user, session }: Me, deps: FlowDeps): Promise<Profile> {
  const [editable, membership] = await Promise.all([editableSections({ user, session }, deps), findMembership(deps.db, session.orgId, user.id)]);
  return {
    details: { firstName: user.firstName, lastName: user.lastName, username: membership?.username ?? '', alternateEmail: user.alternateEmail, companyEmail: user.email },
    personal: personalInput.parse(user.personal ?? {}),
    employment: employmentInput.parse(membership?.employment ?? {}),
    recoveryEmail: { address: user.recoveryEmail, pending: user.recoveryEmailPending },
    editable,
  };
}

/**
 * Saves one section. An organization that disabled self-editing of the section refuses it here,
 * not just on the page. The company e-mail is not part of any section: it cannot be edited.
 */
export async function updateMyProfile(me: Me, section: ProfileSection, input: unknown, deps: FlowDeps): Promise<Profile> {
  if (!(await editableSections(me, deps))[section]) throw new AppError('profile.read_only', 'Your administrator does not allow editing this part of your profile.');
  if (section === 'details') {
    const d = profileDetailsInput.parse(input);
    try {
      await deps.db.transaction(async (tx) => {
        await tx.update(users).set({ firstName: d.firstName, lastName: d.lastName, alternateEmail: d.alternateEmail }).where(eq(users.id, me.user.id));
        await tx.update(memberships).set({ username: d.username || null }).where(and(eq(memberships.userId, me.user.id), eq(memberships.orgId, me.session.orgId)));
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('user.username_taken', 'This username is already taken in the organization.');
      throw err;
    }
  } else if (section === 'personal') {
    await deps.db.update(users).set({ personal: personalInput.parse(input) }).where(eq(users.id, me.user.id));
  } else {
    await deps.db.update(memberships).set({ employment: employmentInput.parse(input) }).where(and(eq(memberships.userId, me.user.id), eq(memberships.orgId, me.session.orgId)));
  }
  await recordAudit(deps.db, deps.ctx, { event: 'profile.updated', outcome: 'success', orgId: me.session.orgId, targetUserId: me.user.id, details: { section } });
  const user = (await deps.db.select().from(users).where(eq(users.id, me.user.id)))[0];
  return getMyProfile({ ...me, user }, deps);
}

/** A new recovery address waits, unused, until the link sent to it is followed. */
export async function requestRecoveryEmail(me: Me, input: unknown, deps: FlowDeps): Promise<void> {
  const { email } = setRecoveryEmailInput.parse(input);
  // Whoever controls the recovery address can reset the password: an old session may not change it.
  requireRecentAuthentication(me);
  // It is there for when the company mailbox is out of reach: the company address cannot stand in for it.
  if (canonicalizeEmail(email).canonical === me.user.emailCanonical) {
    throw new AppError('recovery_email.same_as_account', 'Choose a personal address: this is the address of your account.');
  }
  const token = randomToken();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ recoveryEmailPending: email, recoveryEmailTokenHash: hashToken(token), recoveryEmailTokenExpiresAt: new Date(Date.now() + RECOVERY_LINK_HOURS * 3_600_000) })
      .where(eq(users.id, me.user.id));
    await enqueueMail(tx, { to: email, template: 'recovery_email_confirm', lang: mailLanguage(me.user, deps), vars: { url: `${deps.publicUrl}/confirm-recovery-email#token=${token}`, hours: RECOVERY_LINK_HOURS }, orgId: me.session.orgId });
    await recordAudit(tx, deps.ctx, { event: 'recovery_email.requested', outcome: 'success', orgId: me.session.orgId, targetUserId: me.user.id });
  });
  deps.mailQueued();
}

/**
 * No recovery address any more (a confirmed one, or one still waiting for its link). The address
 * that was confirmed is told, as a change of where reset links go should be.
 */
export async function removeRecoveryEmail(me: Me, deps: FlowDeps): Promise<void> {
  requireRecentAuthentication(me);
  await deps.db.transaction(async (tx) => {
    const [before] = await tx.select({ address: users.recoveryEmail, pending: users.recoveryEmailPending }).from(users).where(eq(users.id, me.user.id)).for('update');
    if (!before?.address && !before?.pending) return;
    await tx.update(users).set({ recoveryEmail: null, recoveryEmailPending: null, recoveryEmailTokenHash: null, recoveryEmailTokenExpiresAt: null }).where(eq(users.id, me.user.id));
    if (before.address) await enqueueMail(tx, { to: before.address, template: 'recovery_email_removed', lang: mailLanguage(me.user, deps), vars: {}, orgId: me.session.orgId });
    await recordAudit(tx, deps.ctx, { event: 'recovery_email.removed', outcome: 'success', orgId: me.session.orgId, targetUserId: me.user.id });
  });
  deps.mailQueued();
}

/** Single use: the update only matches while the token is the pending one and unexpired. */
export async function confirmRecoveryEmail(input: unknown, deps: FlowDeps): Promise<{ email: string }> {
  const { token } = confirmRecoveryEmailInput.parse(input);
  const pending = await deps.db
    .select({ id: users.id, email: users.recoveryEmailPending })
    .from(users)
    .where(and(eq(users.recoveryEmailTokenHash, hashToken(token)), gt(users.recoveryEmailTokenExpiresAt, new Date())));
  const row = pending[0];
  if (!row?.email) throw new AppError('token.invalid', 'This confirmation link is not valid any more.');
  const updated = await deps.db
    .update(users)
    .set({ recoveryEmail: row.email, recoveryEmailPending: null, recoveryEmailTokenHash: null, recoveryEmailTokenExpiresAt: null })
    .where(and(eq(users.id, row.id), eq(users.recoveryEmailTokenHash, hashToken(token))))
    .returning({ id: users.id });
  if (updated.length !== 1) throw new AppError('token.invalid', 'This confirmation link is not valid any more.');
  await recordAuditForPerson(deps.db, deps.ctx, row.id, { event: 'recovery_email.confirmed', outcome: 'success' });
  return { email: row.email };
}
