import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { users } from '../../db/schema/index.ts';
import { deleteAllFactors } from '../mfa/factor-store.ts';
import { deleteAllSshKeys } from '../ssh-keys/ssh-key-store.ts';

export type Claimed = { factors: number; sshKeys: number };

/**
 * The owner of an address takes back an account someone else may have set up: an organization's
 * administrator can make an account for any address, with a password of their choosing, and
 * whoever used it until now could have added a recovery e-mail, second factors or SSH keys — ways
 * back in that would outlive the owner's new password. The first time a link mailed to the address
 * itself is used (a reset), they all go and the address counts as proven. Undefined when it already
 * was (nothing to take back); the caller's transaction makes it one step with the reset.
 */
export async function claimUnprovenAccount(db: Queryable, userId: string): Promise<Claimed | undefined> {
  const [before] = await db
    .update(users)
    .set({ emailVerifiedAt: new Date(), recoveryEmail: null, recoveryEmailPending: null, recoveryEmailTokenHash: null, recoveryEmailTokenExpiresAt: null })
    .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)))
    .returning({ id: users.id });
  if (!before) return undefined;
  return { factors: await deleteAllFactors(db, userId), sshKeys: await deleteAllSshKeys(db, userId) };
}
