import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { encodeListCursor, type ListCursor, type Page, type SortParam, type Sorts } from '../../../contract/list-query.ts';

type Expr = SQL | AnyColumn;

export type KeysetQuery<S extends Sorts> = { sort: SortParam<S>; limit: number; cursor?: ListCursor };

/** The row fields a keyset query selects for its cursor (spread into a drizzle `select`). */
export type CursorFields = { cursorKey: string; cursorId: string };

/**
 * Keyset pagination for one list: the caller's query adds `select` (the cursor fields), `where`
 * (after the cursor), `orderBy` and `limit`, then `page` cuts the extra row off into `nextCursor`.
 * Sort keys must be non-null; `id` (a uuid) breaks ties, so the order is total and stable.
 *
 * Time keys travel as text with microseconds and are compared as timestamptz, so an index on the
 * column serves the seek.
 */
export function keyset<S extends Sorts>(kinds: S, exprs: { [K in keyof S]: Expr }, id: Expr, q: KeysetQuery<S>) {
  const descending = q.sort.startsWith('-');
  const name = (descending ? q.sort.slice(1) : q.sort) as keyof S;
  const expr = exprs[name];
  const time = kinds[name] === 'time';
  const key = time ? sql<string>`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : sql<string>`(${expr})::text`;
  const c = q.cursor;
  const after = c
    ? sql`(${expr}, ${id}) ${descending ? sql`<` : sql`>`} (${time ? sql`${c.key}::timestamptz` : sql`${c.key}`}, ${c.id}::uuid)`
    : undefined;
  const direction = descending ? sql`desc` : sql`asc`;
  return {
    select: { cursorKey: key, cursorId: sql<string>`(${id})::text` },
    /** Only rows after the cursor (undefined on the first page). */
    after,
    orderBy: [sql`${expr} ${direction}`, sql`${id} ${direction}`],
    /** One more than a page: its presence says there is a next page. */
    limit: q.limit + 1,
    page<R extends CursorFields, T>(rows: R[], present: (row: R) => T): Page<T> {
      const items = rows.slice(0, q.limit);
      const last = items[items.length - 1];
      return {
        items: items.map(present),
        nextCursor: rows.length > q.limit && last ? encodeListCursor({ sort: q.sort, key: last.cursorKey, id: last.cursorId }) : null,
      };
    },
  };
}
