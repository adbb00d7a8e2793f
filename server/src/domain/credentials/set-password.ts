import type { Db, Queryable, Tx } from '../../db/open.ts';
import { strictestPasswordPolicy, type PasswordPolicy } from '../../../../contract/password-policy.ts';
import { findUserById, listMemberships, listPasswordHashes, setPasswordHash } from '../users/user-store.ts';
import { deleteUserSessions } from '../sessions/session-store.ts';
import { announceSignedOut } from '../sessions/signed-out.ts';
import { deleteUserPasswordResets } from '../secrets/link-tokens.ts';
import { checkNewPassword } from './check-new-password.ts';
import { hashPassword, type Argon2Params } from './password-hash.ts';
import { AppError } from '../../errors.ts';

const PASSWORD_CHANGE = { ip: '', userAgent: 'password change' };

/** A user has one password for all their organizations: the strictest of their policies applies. */
export async function passwordPolicyForUser(db: Queryable, userId: string): Promise<PasswordPolicy> {
  const memberships = await listMemberships(db, userId);
  return strictestPasswordPolicy(memberships.map((m) => m.policies.password));
}

export function isPasswordExpired(policy: PasswordPolicy, changedAt: Date | null, now = new Date()): boolean {
  if (policy.maxAgeDays === 0 || !changedAt) return false;
  return changedAt.getTime() + policy.maxAgeDays * 86_400_000 <= now.getTime();
}

/**
 * Checks a new password against the policy and history, stores it, and ends what the old one
 * opened: every other session and every outstanding reset link.
 */
export async function setNewPassword(
  db: Db,
  input: {
    userId: string;
    password: string;
    argon2: Argon2Params;
    keepSessionId?: string;
    policy?: PasswordPolicy;
    /** The hash the current password was checked against: a change that landed meanwhile makes this one fail. */
    replacing?: string;
  },
  /** Runs first inside the same transaction (consume a link, audit, queue a mail); throwing rolls all back. */
  alsoInTransaction?: (tx: Tx) => Promise<void>,
): Promise<void> {
  const [memberships, user] = await Promise.all([listMemberships(db, input.userId), findUserById(db, input.userId)]);
  if (!user) throw new AppError('user.not_found', 'This account does not exist any more.');
  const policy = input.policy ?? strictestPasswordPolicy(memberships.map((m) => m.policies.password));
  const previous = await listPasswordHashes(db, input.userId, Math.max(policy.historyCount, 1));
  await checkNewPassword(policy, input.password, { email: user.email, usernames: memberships.map((m) => m.username) }, previous);
  // Hash before the transaction opens: argon2id must not hold a connection (or PGlite's only one).
  const hash = await hashPassword(input.password, input.argon2);
  const ended = await db.transaction(async (tx) => {
    await alsoInTransaction?.(tx);
    if (!(await setPasswordHash(tx, input.userId, hash, input.replacing))) throw new AppError('password.current_invalid', 'Your current password is not right.');
    await deleteUserPasswordResets(tx, input.userId);
    return deleteUserSessions(tx, input.userId, input.keepSessionId);
  });
  // Once committed: whatever single sign-on those sessions started ends with them.
  for (const s of ended) await announceSignedOut(s, PASSWORD_CHANGE);
}
