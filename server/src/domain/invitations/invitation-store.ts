import { and, eq, gt, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { keyset } from '../../db/keyset.ts';
import { invitationSorts, type ListInvitationsQuery } from '../../../../contract/admin-lists.ts';
import type { Page } from '../../../../contract/list-query.ts';
import { invitations, users } from '../../db/schema/index.ts';
import { hashToken, randomToken } from '../secrets/tokens.ts';
import { canonicalizeEmail } from '../users/canonical-email.ts';

export type InvitationRow = typeof invitations.$inferSelect;
export const INVITATION_TTL_DAYS = 7;

const expiry = () => new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);

export type NewInvitation = {
  orgId: string;
  email: string;
  role: 'member' | 'admin';
  firstName?: string;
  lastName?: string;
  username?: string | null;
  invitedBy?: string | null;
  language?: 'en' | 'fr';
};

const pending = () => and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date()));

/**
 * A new invitation to the same address in the same organization replaces the pending one (its link
 * stops working), and keeps the names it had where the new one gives none: inviting again from the
 * bare address form should not forget who the person is. `replaced` is the earlier one if its link
 * still worked (not expired), which the administrator is told.
 */
export async function createInvitation(db: Queryable, input: NewInvitation): Promise<{ token: string; invitation: InvitationRow; replaced?: InvitationRow }> {
  const { display, canonical } = canonicalizeEmail(input.email);
  const rows = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.orgId, input.orgId), eq(invitations.emailCanonical, canonical), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning();
  const earlier = rows.find((r) => r.expiresAt > new Date());
  const token = randomToken();
  const [invitation] = await db
    .insert(invitations)
    .values({
      orgId: input.orgId,
      email: display,
      emailCanonical: canonical,
      role: input.role,
      firstName: input.firstName || earlier?.firstName || '',
      lastName: input.lastName || earlier?.lastName || '',
      username: input.username ?? null,
      tokenHash: hashToken(token),
      invitedBy: input.invitedBy ?? null,
      language: input.language ?? null,
      expiresAt: expiry(),
    })
    .returning();
  return { token, invitation, replaced: earlier };
}

export async function findPendingInvitationByToken(db: Queryable, token: string): Promise<InvitationRow | undefined> {
  const [row] = await db.select().from(invitations).where(and(eq(invitations.tokenHash, hashToken(token)), pending()));
  return row;
}

export async function findInvitation(db: Queryable, orgId: string, id: string): Promise<InvitationRow | undefined> {
  const [row] = await db.select().from(invitations).where(and(eq(invitations.orgId, orgId), eq(invitations.id, id)));
  return row;
}

/** Resending issues a new token: the old link dies with its hash. */
export async function reissueInvitation(db: Queryable, orgId: string, id: string): Promise<{ token: string; invitation: InvitationRow } | undefined> {
  const token = randomToken();
  const [invitation] = await db
    .update(invitations)
    .set({ tokenHash: hashToken(token), expiresAt: expiry() })
    .where(and(eq(invitations.orgId, orgId), eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning();
  return invitation && { token, invitation };
}

export async function revokeInvitation(db: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.orgId, orgId), eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  return rows.length === 1;
}

/**
 * A person who became a member another way (added by an administrator or the CLI) has no use for
 * the link any more: the invitation counts as accepted rather than staying "pending" for ever.
 */
export async function closeInvitationsOf(db: Queryable, orgId: string, userId: string): Promise<void> {
  await db
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(and(eq(invitations.orgId, orgId), eq(invitations.emailCanonical, sql`(select ${users.emailCanonical} from ${users} where ${users.id} = ${userId})`), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
}

/** Atomic single use: of many parallel acceptances exactly one gets the row back. */
export async function markInvitationAccepted(db: Queryable, token: string): Promise<InvitationRow | undefined> {
  const [row] = await db
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(and(eq(invitations.tokenHash, hashToken(token)), pending()))
    .returning();
  return row;
}

/** One page of the organization's invitations, newest first by default; `status` filters. */
export async function listInvitations(db: Queryable, orgId: string, q: ListInvitationsQuery): Promise<Page<InvitationRow>> {
  const now = new Date();
  const byStatus = {
    pending: pending(),
    accepted: isNotNull(invitations.acceptedAt),
    revoked: isNotNull(invitations.revokedAt),
    expired: and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), lte(invitations.expiresAt, now)),
  };
  const k = keyset(invitationSorts, { created: invitations.createdAt, email: invitations.emailCanonical }, invitations.id, q);
  const rows = await db
    .select({ invitation: invitations, ...k.select })
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), q.status ? byStatus[q.status] : undefined, k.after))
    .orderBy(...k.orderBy)
    .limit(k.limit);
  return k.page(rows, (r) => r.invitation);
}

export function invitationStatus(row: InvitationRow, now = new Date()): 'pending' | 'accepted' | 'revoked' | 'expired' {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt <= now ? 'expired' : 'pending';
}
