import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { apiKeys } from '../../db/schema/index.ts';
import { hashToken, randomToken } from '../secrets/tokens.ts';

export type ApiKeyRow = typeof apiKeys.$inferSelect;
const PREFIX = 'tsk_';

/** Returns the key itself once; only its hash is kept. */
export async function createApiKey(db: Queryable, orgId: string, name: string, createdBy: string | null): Promise<{ key: string; row: ApiKeyRow }> {
  const key = `${PREFIX}${randomToken()}`;
  const [row] = await db.insert(apiKeys).values({ orgId, name, tokenHash: hashToken(key), prefix: key.slice(0, 10), createdBy }).returning();
  return { key, row };
}

export async function findLiveApiKey(db: Queryable, key: string): Promise<ApiKeyRow | undefined> {
  if (!key.startsWith(PREFIX) || key.length > 100) return undefined;
  const [row] = await db.select().from(apiKeys).where(and(eq(apiKeys.tokenHash, hashToken(key)), isNull(apiKeys.revokedAt)));
  if (row) await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, row.id));
  return row;
}

export async function listApiKeys(db: Queryable, orgId: string): Promise<ApiKeyRow[]> {
  return db.select().from(apiKeys).where(eq(apiKeys.orgId, orgId)).orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(db: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = await db.update(apiKeys).set({ revokedAt: new Date() }).where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id });
  return rows.length === 1;
}
