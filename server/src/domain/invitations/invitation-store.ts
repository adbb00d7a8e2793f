import { and, desc, eq, gt, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { invitations } from '../../db/schema/index.ts';
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
};

/** A new invitation to the same address in the same organization replaces the pending one. */
export async function createInvitation(db: Queryable, input: NewInvitation): Promise<{ token: string; invitation: InvitationRow }> {
  const { display, canonical } = canonicalizeEmail(input.email);
  await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.orgId, input.orgId), eq(invitations.emailCanonical, canonical), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
  const token = randomToken();
  const [invitation] = await db
    .insert(invitations)
    .values({
      orgId: input.orgId,
      email: display,
      emailCanonical: canonical,
      role: input.role,
      firstName: input.firstName ?? '',
      lastName: input.lastName ?? '',
      username: input.username ?? null,
      tokenHash: hashToken(token),
      invitedBy: input.invitedBy ?? null,
      expiresAt: expiry(),
    })
    .returning();
  return { token, invitation };
}

const pending = () => and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date()));

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

/** Atomic single use: of many parallel acceptances exactly one gets the row back. */
export async function markInvitationAccepted(db: Queryable, token: string): Promise<InvitationRow | undefined> {
  const [row] = await db
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(and(eq(invitations.tokenHash, hashToken(token)), pending()))
    .returning();
  return row;
}

/** Newest first; `before` is the last row's creation time and id (keyset pagination); `status` filters. */
export async function listInvitations(
  db: Queryable,
  orgId: string,
  opts: { limit?: number; before?: { at: Date; id: string }; status?: 'pending' | 'accepted' | 'revoked' | 'expired' } = {},
): Promise<InvitationRow[]> {
  const now = new Date();
  const byStatus = {
    pending: pending(),
    accepted: isNotNull(invitations.acceptedAt),
    revoked: isNotNull(invitations.revokedAt),
    expired: and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), lte(invitations.expiresAt, now)),
  };
  const where = and(
    eq(invitations.orgId, orgId),
    opts.status ? byStatus[opts.status] : undefined,
    opts.before ? or(lt(invitations.createdAt, opts.before.at), and(eq(invitations.createdAt, opts.before.at), lt(invitations.id, opts.before.id))) : undefined,
  );
  return db.select().from(invitations).where(where).orderBy(desc(invitations.createdAt), desc(invitations.id)).limit(opts.limit ?? 100);
}

export function invitationStatus(row: InvitationRow, now = new Date()): 'pending' | 'accepted' | 'revoked' | 'expired' {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt <= now ? 'expired' : 'pending';
}
