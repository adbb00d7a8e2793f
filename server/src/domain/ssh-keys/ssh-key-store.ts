import { and, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { sshKeys } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import { isUniqueViolation } from '../users/user-store.ts';
import type { ParsedKey } from './parse-public-key.ts';

export type SshKeyRow = typeof sshKeys.$inferSelect;

export async function listSshKeys(db: Queryable, userId: string): Promise<SshKeyRow[]> {
  return db.select().from(sshKeys).where(eq(sshKeys.userId, userId)).orderBy(desc(sshKeys.createdAt));
}

/** A key identifies one person on every server: it may be registered once in the whole instance. */
export async function addSshKey(db: Queryable, userId: string, name: string, key: ParsedKey): Promise<SshKeyRow> {
  try {
    const [row] = await db
      .insert(sshKeys)
      .values({ userId, name, publicKey: key.normalized, fingerprint: key.fingerprint, type: key.label, bits: key.bits, comment: key.comment })
      .returning();
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('ssh_key.duplicate', 'This key is already registered.');
    throw err;
  }
}

export async function deleteSshKey(db: Queryable, userId: string, id: string): Promise<boolean> {
  const rows = await db.delete(sshKeys).where(and(eq(sshKeys.userId, userId), eq(sshKeys.id, id))).returning({ id: sshKeys.id });
  return rows.length === 1;
}

export async function deleteAllSshKeys(db: Queryable, userId: string): Promise<number> {
  return (await db.delete(sshKeys).where(eq(sshKeys.userId, userId)).returning({ id: sshKeys.id })).length;
}
