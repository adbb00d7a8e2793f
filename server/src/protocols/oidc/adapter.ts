import { AsyncLocalStorage } from 'node:async_hooks';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import type { Db, Queryable } from '../../db/open.ts';
import { param, prepared } from '../../db/prepared.ts';
import { oidcPayloads } from '../../db/schema/index.ts';
import { retireInteraction, revokeGrantOidcPayloads } from '../../domain/oidc/oidc-payload-store.ts';

/** Resolves a client_id to oidc-provider client metadata (the applications table is the registry). */
export type ClientResolver = (clientId: string) => Promise<AdapterPayload | undefined>;

const live = (t: { expiresAt: AnyPgColumn } = oidcPayloads) => or(isNull(t.expiresAt), gt(t.expiresAt, sql`now()`));

type Row = typeof oidcPayloads.$inferInsert;
const rowColumns = ['model', 'id', 'payload', 'grantId', 'userCode', 'uid', 'accountId', 'expiresAt'] as const;
const onConflictUpdate = {
  target: [oidcPayloads.model, oidcPayloads.id],
  set: { payload: sql`excluded.payload`, grantId: sql`excluded.grant_id`, userCode: sql`excluded.user_code`, uid: sql`excluded.uid`, accountId: sql`excluded.account_id`, expiresAt: sql`excluded.expires_at` },
};
const rowParams = (suffix: string) => Object.fromEntries(rowColumns.map((c) => [c, param(`${c}${suffix}`)])) as unknown as Row;
const rowArgs = (row: Row, suffix: string) => Object.fromEntries(rowColumns.map((c) => [`${c}${suffix}`, row[c] ?? null]));
// Every grant runs these: built once (prepared), not on each call.
const upsertOne = prepared('oidc_upsert', (db) => db.insert(oidcPayloads).values(rowParams('')).onConflictDoUpdate(onConflictUpdate));
// A refresh and a code exchange each issue two tokens (access and refresh).
const upsertTwo = prepared('oidc_upsert_two', (db) => db.insert(oidcPayloads).values([rowParams('0'), rowParams('1')]).onConflictDoUpdate(onConflictUpdate));

async function writeRows(db: Db, rows: Row[]): Promise<void> {
  if (rows.length === 1) await upsertOne(db, rowArgs(rows[0], ''));
  else if (rows.length === 2) await upsertTwo(db, { ...rowArgs(rows[0], '0'), ...rowArgs(rows[1], '1') });
  else if (rows.length > 2) await db.insert(oidcPayloads).values(rows).onConflictDoUpdate(onConflictUpdate);
}
const selectLive = (db: Queryable) => db.select({ payload: oidcPayloads.payload, consumedAt: oidcPayloads.consumedAt }).from(oidcPayloads);
const findById = prepared('oidc_find', (db) => selectLive(db).where(and(eq(oidcPayloads.model, param('model')), eq(oidcPayloads.id, param('id')), live())));
const findByUid = prepared('oidc_find_by_uid', (db) => selectLive(db).where(and(eq(oidcPayloads.model, param('model')), eq(oidcPayloads.uid, param('uid')), live())));
/**
 * A token with its grant and its session, read in one statement. A refresh, a code exchange and a
 * userinfo call each ask for the token, then its grant, then (when the token ends with the session)
 * the session: three reads become one, the other two are answered from the request's read-ahead.
 */
const grantRow = alias(oidcPayloads, 'grant_row');
const sessionRow = alias(oidcPayloads, 'session_row');
const findTokenWithGrant = prepared('oidc_find_token_with_grant', (db) =>
  db
    .select({ payload: oidcPayloads.payload, consumedAt: oidcPayloads.consumedAt, grant: { payload: grantRow.payload, consumedAt: grantRow.consumedAt }, session: { payload: sessionRow.payload, consumedAt: sessionRow.consumedAt } })
    .from(oidcPayloads)
    .leftJoin(grantRow, and(eq(grantRow.model, 'Grant'), eq(grantRow.id, oidcPayloads.grantId), live(grantRow)))
    .leftJoin(sessionRow, and(eq(sessionRow.model, 'Session'), eq(sessionRow.uid, sql`${oidcPayloads.payload}->>'sessionUid'`), live(sessionRow)))
    .where(and(eq(oidcPayloads.model, param('model')), eq(oidcPayloads.id, param('id')), live())),
);
const TOKENS_WITH_GRANT = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken']);

/**
 * One provider request's storage state: what it has read ahead, by model and key (any write in the
 * request drops all of it), and the tokens it issued that are still to be written.
 */
type RequestState = { ahead: Map<string, AdapterPayload | undefined>; pending: Map<string, Row> };
const requestState = new AsyncLocalStorage<RequestState>();
/**
 * Serves one provider request with its own state (outside one, every find reads the table and every
 * write is made at once). `writePending` (below) must run before its response leaves.
 */
export const inProviderRequest = <T>(serve: () => T): T => requestState.run({ ahead: new Map(), pending: new Map() }, serve);

/**
 * Tokens a request issues are written together, in one statement, when the request next touches
 * storage or before its response leaves (provider.ts): a refresh's new refresh token and access token
 * cost one round trip and one commit, not two. Only issued tokens wait: nothing in Tessera reads
 * them behind the adapter's back, and a client learns of them only from the response, sent after.
 */
const WRITTEN_TOGETHER = new Set(['AccessToken', 'RefreshToken', 'AuthorizationCode', 'ClientCredentials']);

const consumeOnce = prepared('oidc_consume', (db) =>
  db
    .update(oidcPayloads)
    .set({ consumedAt: sql`now()` })
    .where(and(eq(oidcPayloads.model, param('model')), eq(oidcPayloads.id, param('id')), isNull(oidcPayloads.consumedAt)))
    .returning({ grantId: oidcPayloads.grantId }),
);

/** Writes the tokens the current provider request has issued so far (none outside one). */
export async function writePending(db: Db): Promise<void> {
  const state = requestState.getStore();
  if (!state?.pending.size) return;
  const rows = [...state.pending.values()];
  state.pending.clear();
  await writeRows(db, rows);
}

function takeAhead(ahead: Map<string, AdapterPayload | undefined>, key: string): AdapterPayload | undefined {
  const value = ahead.get(key);
  ahead.delete(key);
  return value;
}

/**
 * oidc-provider's storage on our database, one row per model instance, so every Tessera process
 * serves the same issuer. Clients are not stored here: they are read from the applications table.
 */
export function createOidcAdapter(db: Db, resolveClient: ClientResolver): new (model: string) => Adapter {
  const withConsumed = (row: { payload: unknown; consumedAt: Date | null } | undefined): AdapterPayload | undefined => {
    if (!row) return undefined;
    const payload = row.payload as AdapterPayload;
    return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
  };

  return class PostgresAdapter implements Adapter {
    private readonly model: string;
    constructor(model: string) {
      this.model = model;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      const state = requestState.getStore();
      state?.ahead.clear();
      const row: Row = {
        model: this.model,
        id,
        payload,
        grantId: payload.grantId ?? null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        accountId: payload.accountId ?? null,
        expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      };
      if (state && WRITTEN_TOGETHER.has(this.model)) {
        state.pending.set(`${this.model}:${id}`, row);
        return;
      }
      await writePending(db);
      await writeRows(db, [row]);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') return resolveClient(id);
      await writePending(db);
      const ahead = requestState.getStore()?.ahead;
      const key = `${this.model}:${id}`;
      // Taken once: a second find in the same request reads the table again.
      if (ahead?.has(key)) return takeAhead(ahead, key);
      if (ahead && TOKENS_WITH_GRANT.has(this.model)) {
        const [row] = await findTokenWithGrant(db, { model: this.model, id });
        const token = withConsumed(row);
        if (token?.grantId) ahead.set(`Grant:${token.grantId}`, withConsumed(row.grant ?? undefined));
        if (token?.sessionUid) ahead.set(`Session:uid:${token.sessionUid}`, withConsumed(row.session ?? undefined));
        return token;
      }
      const [row] = await findById(db, { model: this.model, id });
      return withConsumed(row);
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      await writePending(db);
      const ahead = requestState.getStore()?.ahead;
      const key = `${this.model}:uid:${uid}`;
      if (ahead?.has(key)) return takeAhead(ahead, key);
      const [row] = await findByUid(db, { model: this.model, uid });
      return withConsumed(row);
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.findWhere(eq(oidcPayloads.userCode, userCode));
    }

    /**
     * Single use in one statement: of two requests racing with one authorization code (or one
     * refresh token being rotated) only one marks it consumed; the other is treated as a reuse —
     * refused, and everything issued from that grant revoked (RFC 9700 §4.14, §4.5.3).
     */
    async consume(id: string): Promise<void> {
      await writePending(db);
      requestState.getStore()?.ahead.clear();
      const won = await consumeOnce(db, { model: this.model, id });
      if (won.length === 1) return;
      const [row] = await db.select({ grantId: oidcPayloads.grantId }).from(oidcPayloads).where(and(eq(oidcPayloads.model, this.model), eq(oidcPayloads.id, id)));
      if (row?.grantId) await this.revokeByGrantId(row.grantId);
      throw new errors.InvalidGrant(`${this.model === 'RefreshToken' ? 'refresh token' : 'grant'} already used`);
    }

    async destroy(id: string): Promise<void> {
      await writePending(db);
      requestState.getStore()?.ahead.clear();
      // The provider resumed from it: kept as finished for a page reopened on it (oidc-payload-store.ts).
      if (this.model === 'Interaction') return retireInteraction(db, id);
      await db.delete(oidcPayloads).where(and(eq(oidcPayloads.model, this.model), eq(oidcPayloads.id, id)));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await writePending(db);
      requestState.getStore()?.ahead.clear();
      await revokeGrantOidcPayloads(db, grantId);
    }

    private async findWhere(condition: ReturnType<typeof eq>): Promise<AdapterPayload | undefined> {
      await writePending(db);
      const [row] = await db
        .select({ payload: oidcPayloads.payload, consumedAt: oidcPayloads.consumedAt })
        .from(oidcPayloads)
        .where(and(eq(oidcPayloads.model, this.model), condition, live()));
      return withConsumed(row);
    }
  };
}
