import { and, eq, gt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { param, prepared } from '../../db/prepared.ts';
import { flows } from '../../db/schema/index.ts';
import { hashToken, randomToken } from '../secrets/tokens.ts';

export type StoredFlow<S> = { id: string; state: S; expiresAt: Date };

// Every sign-in step runs these.
const insertFlow = prepared('flow_insert', (db) => db.insert(flows).values({ tokenHash: param('tokenHash'), kind: param('kind'), state: param('state'), expiresAt: param('expiresAt') }).returning());
const flowByToken = prepared('flow_by_token', (db) => db.select().from(flows).where(and(eq(flows.tokenHash, param('tokenHash')), eq(flows.kind, param('kind')))));
const removeFlow = prepared('flow_delete', (db) => db.delete(flows).where(eq(flows.id, param('id'))).returning({ id: flows.id }));

/** `expires`: minutes from now, or the moment itself (a flow that carries on an earlier one's time). */
export async function createFlow<S>(db: Queryable, kind: string, state: S, expires: number | Date): Promise<{ token: string; flow: StoredFlow<S> }> {
  const token = randomToken();
  const expiresAt = expires instanceof Date ? expires : new Date(Date.now() + expires * 60_000);
  const [row] = await insertFlow(db, { tokenHash: hashToken(token), kind, state, expiresAt });
  return { token, flow: { id: row.id, state: row.state as S, expiresAt: row.expiresAt } };
}

/** 'missing' and 'expired' are told apart so the page can say "start again" rather than "error". */
export async function loadFlow<S>(db: Queryable, kind: string, token: string): Promise<StoredFlow<S> | 'missing' | 'expired'> {
  const [row] = await flowByToken(db, { tokenHash: hashToken(token), kind });
  if (!row) return 'missing';
  if (row.expiresAt <= new Date()) {
    await db.delete(flows).where(eq(flows.id, row.id));
    return 'expired';
  }
  return { id: row.id, state: row.state as S, expiresAt: row.expiresAt };
}

/**
 * Compare-and-set on the whole state: two requests racing on one step cannot both advance it
 * (a replayed or parallel submission loses and gets "wrong step").
 */
export async function replaceFlowState<S>(db: Queryable, id: string, previous: S, next: S): Promise<boolean> {
  const rows = await db
    .update(flows)
    .set({ state: next })
    .where(and(eq(flows.id, id), sql`${flows.state} = ${JSON.stringify(previous)}::jsonb`, gt(flows.expiresAt, new Date())))
    .returning({ id: flows.id });
  return rows.length === 1;
}

export async function deleteFlow(db: Queryable, id: string): Promise<boolean> {
  const rows = await removeFlow(db, { id });
  return rows.length === 1;
}

export async function deleteExpiredFlows(db: Queryable): Promise<void> {
  await db.delete(flows).where(sql`${flows.expiresAt} <= now()`);
}
