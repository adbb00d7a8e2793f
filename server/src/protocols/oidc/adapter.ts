import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import type { Db } from '../../db/open.ts';
import { oidcPayloads } from '../../db/schema/index.ts';

/** Resolves a client_id to oidc-provider client metadata (the applications table is the registry). */
export type ClientResolver = (clientId: string) => Promise<AdapterPayload | undefined>;

const live = () => or(isNull(oidcPayloads.expiresAt), gt(oidcPayloads.expiresAt, sql`now()`));

/**
 * oidc-provider's storage on our database, one row per model instance, so every Tessera process
 * serves the same issuer. Clients are not stored here: they are read from the applications table.
 */
export function createOidcAdapter(db: Db, resolveClient: ClientResolver): new (model: string) => Adapter {
  // Every grant runs these: built once (prepared), not on each call.
  const p = <T extends string>(name: T) => sql.placeholder(name);
  const upsert = db
    .insert(oidcPayloads)
    .values({ model: p('model'), id: p('id'), payload: p('payload'), grantId: p('grantId'), userCode: p('userCode'), uid: p('uid'), accountId: p('accountId'), expiresAt: p('expiresAt') })
    .onConflictDoUpdate({
      target: [oidcPayloads.model, oidcPayloads.id],
      set: { payload: sql`excluded.payload`, grantId: sql`excluded.grant_id`, userCode: sql`excluded.user_code`, uid: sql`excluded.uid`, accountId: sql`excluded.account_id`, expiresAt: sql`excluded.expires_at` },
    })
    .prepare('oidc_upsert');
  const findById = db
    .select({ payload: oidcPayloads.payload, consumedAt: oidcPayloads.consumedAt })
    .from(oidcPayloads)
    .where(and(eq(oidcPayloads.model, p('model')), eq(oidcPayloads.id, p('id')), live()))
    .prepare('oidc_find');
  const findByUid = db
    .select({ payload: oidcPayloads.payload, consumedAt: oidcPayloads.consumedAt })
    .from(oidcPayloads)
    .where(and(eq(oidcPayloads.model, p('model')), eq(oidcPayloads.uid, p('uid')), live()))
    .prepare('oidc_find_by_uid');
  const consumeOnce = db
    .update(oidcPayloads)
    .set({ consumedAt: sql`now()` })
    .where(and(eq(oidcPayloads.model, p('model')), eq(oidcPayloads.id, p('id')), isNull(oidcPayloads.consumedAt)))
    .returning({ grantId: oidcPayloads.grantId })
    .prepare('oidc_consume');
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
      await upsert.execute({
        model: this.model,
        id,
        payload,
        grantId: payload.grantId ?? null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        accountId: payload.accountId ?? null,
        expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      });
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') return resolveClient(id);
      const [row] = await findById.execute({ model: this.model, id });
      return withConsumed(row);
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const [row] = await findByUid.execute({ model: this.model, uid });
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
      const won = await consumeOnce.execute({ model: this.model, id });
      if (won.length === 1) return;
      const [row] = await db.select({ grantId: oidcPayloads.grantId }).from(oidcPayloads).where(and(eq(oidcPayloads.model, this.model), eq(oidcPayloads.id, id)));
      if (row?.grantId) await this.revokeByGrantId(row.grantId);
      throw new errors.InvalidGrant(`${this.model === 'RefreshToken' ? 'refresh token' : 'grant'} already used`);
    }

    async destroy(id: string): Promise<void> {
      await db.delete(oidcPayloads).where(and(eq(oidcPayloads.model, this.model), eq(oidcPayloads.id, id)));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.delete(oidcPayloads).where(eq(oidcPayloads.grantId, grantId));
    }

    private async findWhere(condition: ReturnType<typeof eq>): Promise<AdapterPayload | undefined> {
      const [row] = await db
        .select({ payload: oidcPayloads.payload, consumedAt: oidcPayloads.consumedAt })
        .from(oidcPayloads)
        .where(and(eq(oidcPayloads.model, this.model), condition, live()));
      return withConsumed(row);
    }
  };
}
