import { and, eq, desc, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { param, prepared } from '../../db/prepared.ts';
import { users, memberships, orgs, passwordHistory } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import { parseOrgPolicies, type OrgPolicies } from '../policies/org-policies.ts';
import { parseBranding } from '../orgs/org-store.ts';
import type { Branding } from '../../../../contract/branding.ts';
import type { Language } from '../../../../contract/language.ts';
import { canonicalizeEmail } from './canonical-email.ts';
import { closeInvitationsOf } from '../invitations/invitation-store.ts';
import { nameOrder } from '../../db/name-order.ts';

export type User = typeof users.$inferSelect;
export type Membership = { orgId: string; slug: string; name: string; role: 'member' | 'admin'; username: string | null; suspended: boolean; policies: OrgPolicies; branding: Branding };

const userByCanonicalEmail = prepared('user_by_canonical_email', (db) => db.select().from(users).where(eq(users.emailCanonical, param('canonical'))));

export async function findUserByEmail(db: Queryable, email: string): Promise<User | undefined> {
  return findUserByCanonicalEmail(db, canonicalizeEmail(email).canonical);
}

/** By the address as canonicalizeEmail() wrote it (what a sign-in flow keeps). */
export async function findUserByCanonicalEmail(db: Queryable, canonical: string): Promise<User | undefined> {
  const [row] = await userByCanonicalEmail(db, { canonical });
  return row;
}

const userById = prepared('user_by_id', (db) => db.select().from(users).where(eq(users.id, param('id'))));
const membershipOf = prepared('membership_of', (db) => db.select().from(memberships).where(and(eq(memberships.orgId, param('orgId')), eq(memberships.userId, param('userId')))));

export async function findUserById(db: Queryable, id: string): Promise<User | undefined> {
  const [row] = await userById(db, { id });
  return row;
}

export async function createUser(
  db: Queryable,
  /** `emailVerified`: the person proved the address (an invitation or setup link), or the operator vouches for it. */
  input: { email: string; firstName?: string; lastName?: string; language?: Language; passwordHash?: string; emailVerified: boolean },
): Promise<User> {
  const { display, canonical } = canonicalizeEmail(input.email);
  const now = new Date();
  const [row] = await db
    .insert(users)
    .values({
      email: display,
      emailCanonical: canonical,
      firstName: input.firstName?.trim() ?? '',
      lastName: input.lastName?.trim() ?? '',
      language: input.language ?? null,
      passwordHash: input.passwordHash,
      passwordChangedAt: input.passwordHash ? now : null,
      emailVerifiedAt: input.emailVerified ? now : null,
    })
    .returning();
  if (input.passwordHash) await db.insert(passwordHistory).values({ userId: row.id, hash: input.passwordHash });
  return row;
}

export async function addMembership(
  db: Queryable,
  input: { orgId: string; userId: string; role?: 'member' | 'admin'; username?: string | null },
): Promise<void> {
  try {
    const rows = await db
      .insert(memberships)
      .values({ orgId: input.orgId, userId: input.userId, role: input.role ?? 'member', username: input.username ?? null })
      .onConflictDoNothing({ target: [memberships.orgId, memberships.userId] })
      .returning();
    if (rows.length === 0) throw new AppError('user.already_member', 'This person is already a member of the organization.');
    await closeInvitationsOf(db, input.orgId, input.userId);
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (isUniqueViolation(err)) throw new AppError('user.username_taken', 'This username is already taken in the organization.');
    throw err;
  }
}

/** Whether a member of the organization already has this username (any case, as the unique index compares). */
export async function isUsernameTaken(db: Queryable, orgId: string, username: string): Promise<boolean> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), sql`lower(${memberships.username}) = lower(${username})`))
    .limit(1);
  return rows.length > 0;
}

export function isUniqueViolation(err: unknown): boolean {
  for (let e: any = err; e; e = e.cause) if (e.code === '23505') return true;
  return false;
}

const membershipsOf = prepared('memberships_of', (db) =>
  db
    .select({ orgId: orgs.id, slug: orgs.slug, name: orgs.name, policies: orgs.policies, branding: orgs.branding, role: memberships.role, username: memberships.username, suspendedAt: memberships.suspendedAt })
    .from(memberships)
    .innerJoin(orgs, eq(orgs.id, memberships.orgId))
    .where(eq(memberships.userId, param('userId')))
    .orderBy(nameOrder(orgs.name)),
);

export async function listMemberships(db: Queryable, userId: string): Promise<Membership[]> {
  const rows = await membershipsOf(db, { userId });
  return rows.map(({ suspendedAt, ...r }) => ({ ...r, suspended: suspendedAt !== null, policies: parseOrgPolicies(r.policies), branding: parseBranding(r.branding) }));
}

export async function findMembership(db: Queryable, orgId: string, userId: string) {
  const [row] = await membershipOf(db, { orgId, userId });
  return row;
}

/** Newest first: the current hash, then older ones. */
export async function listPasswordHashes(db: Queryable, userId: string, limit: number): Promise<string[]> {
  const rows = await db
    .select({ hash: passwordHistory.hash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.createdAt))
    .limit(limit);
  return rows.map((r) => r.hash);
}

const HISTORY_KEPT = 24;

/**
 * Sets a new password and remembers it; history beyond the last 24 is pruned. With `replacing`,
 * only while the stored hash is still that one: false, and nothing written, once another change won.
 */
export async function setPasswordHash(db: Queryable, userId: string, hash: string, replacing?: string): Promise<boolean> {
  const updated = await db
    .update(users)
    .set({ passwordHash: hash, passwordChangedAt: new Date(), mustChangePassword: false })
    .where(replacing === undefined ? eq(users.id, userId) : and(eq(users.id, userId), eq(users.passwordHash, replacing)))
    .returning({ id: users.id });
  if (updated.length === 0) return false;
  await db.insert(passwordHistory).values({ userId, hash });
  await db.execute(sql`
    delete from password_history where user_id = ${userId} and id not in (
      select id from password_history where user_id = ${userId} order by created_at desc limit ${HISTORY_KEPT})`);
  return true;
}

/** A transparent rehash at sign-in (new argon2 parameters): not a password change, no history row. */
export async function replacePasswordHash(db: Queryable, userId: string, oldHash: string, newHash: string): Promise<void> {
  await db.update(users).set({ passwordHash: newHash }).where(and(eq(users.id, userId), eq(users.passwordHash, oldHash)));
}
