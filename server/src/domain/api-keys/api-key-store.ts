import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { keyset } from '../../db/keyset.ts';
import { apiKeySorts, type ListApiKeysQuery } from '../../../../contract/admin-lists.ts';
import type { Page } from '../../../../contract/list-query.ts';
import { apiKeys } from '../../db/schema/index.ts';
import { hashToken, randomToken } from '../secrets/tokens.ts';
import { AppError } from '../../errors.ts';
import { isUniqueViolation } from '../users/user-store.ts';

export type ApiKeyRow = typeof apiKeys.$inferSelect;
const PREFIX = 'tsk_';

/** Returns the key itself once; only its hash is kept. A live key of the same name (any case) is refused. */
export async function createApiKey(db: Queryable, orgId: string, name: string, createdBy: string | null): Promise<{ key: string; row: ApiKeyRow }> {
  const key = `${PREFIX}${randomToken()}`;
  try {
    const [row] = await db.insert(apiKeys).values({ orgId, name, tokenHash: hashToken(key), prefix: key.slice(0, 10), createdBy }).returning();
    return { key, row };
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('api_key.name_taken', 'Another API key already has this name.');
    throw err;
  }
}

export async function findLiveApiKey(db: Queryable, key: string): Promise<ApiKeyRow | undefined> {
  if (!key.startsWith(PREFIX) || key.length > 100) return undefined;
  const [row] = await db.select().from(apiKeys).where(and(eq(apiKeys.tokenHash, hashToken(key)), isNull(apiKeys.revokedAt)));
  if (row) await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, row.id));
  return row;
}

export async function listApiKeys(db: Queryable, orgId: string, q: ListApiKeysQuery): Promise<Page<ApiKeyRow>> {
  const k = keyset(apiKeySorts, { created: apiKeys.createdAt, name: sql`lower(${apiKeys.name})` }, apiKeys.id, q);
  const rows = await db.select({ key: apiKeys, ...k.select }).from(apiKeys).where(and(eq(apiKeys.orgId, orgId), k.after)).orderBy(...k.orderBy).limit(k.limit);
  return k.page(rows, (r) => r.key);
}

export async function revokeApiKey(db: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = await db.update(apiKeys).set({ revokedAt: new Date() }).where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id });
  return rows.length === 1;
}
