import { z } from 'zod';

/**
 * One way for every admin list to page, sort and filter: keyset ("seek") pagination with an opaque
 * cursor, never OFFSET — a page costs the same on page 1 and page 5 000, and rows inserted while an
 * administrator pages neither repeat nor vanish.
 *
 * A list declares its sorts and the kind of each sort key; `sort=name` is ascending, `sort=-name`
 * descending. The cursor names the sort it was made for, the last row's key and its id (the tie
 * breaker). It positions a query only: every query stays scoped to the caller's organization, so a
 * cursor carried over from another organization or list can only show the caller's own rows.
 */
export type SortKind = 'text' | 'time';
export type Sorts = Record<string, SortKind>;
export type SortParam<S extends Sorts> = Extract<keyof S, string> | `-${Extract<keyof S, string>}`;

export type ListCursor = { sort: string; key: string; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How the server writes a time key: UTC with PostgreSQL's microseconds, so no two rows collapse. */
const TIME_KEY = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;
const MAX_CURSOR = 800;

/**
 * A time key must also be a real instant: a tampered cursor with month 13 or 30 February matches the
 * pattern, and PostgreSQL's `::timestamptz` would then fail the whole query with a 500.
 */
function isTimeKey(key: string): boolean {
  const m = TIME_KEY.exec(key);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  // Year 0 does not exist in PostgreSQL; Date.UTC would also map years 0–99 onto 1900–1999.
  if (y < 1) return false;
  const t = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
  t.setUTCFullYear(y);
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && t.getUTCHours() === h && t.getUTCMinutes() === mi && t.getUTCSeconds() === s;
}

/** base64url(JSON [sort, key, id]); readable by nobody but this module, by convention. */
export function encodeListCursor(c: ListCursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify([c.sort, c.key, c.id]));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function decodeListCursor(s: string): ListCursor | undefined {
  if (s.length > MAX_CURSOR || !/^[A-Za-z0-9_-]+$/.test(s)) return undefined;
  try {
    const binary = atob(s.replaceAll('-', '+').replaceAll('_', '/'));
    const v: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0))));
    if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'string')) return undefined;
    const [sort, key, id] = v as string[];
    return UUID.test(id) && key.length <= 500 ? { sort, key, id: id.toLowerCase() } : undefined;
  } catch {
    return undefined;
  }
}

const cursorField = z
  .string()
  .max(MAX_CURSOR)
  .transform((s, ctx) => decodeListCursor(s) ?? (ctx.addIssue({ code: 'custom', message: 'is not a cursor this list gave out' }), z.NEVER));

/**
 * The query schema of a list: its own filters, plus `sort`, `limit` and `cursor`. A cursor made for
 * another sort, or whose key is not of the sort's kind, is refused (400 on `cursor`).
 */
export function listQuery<const S extends Sorts, F extends z.ZodRawShape = {}>(
  sorts: S,
  defaults: { sort: SortParam<S>; limit?: number; maxLimit?: number },
  filters: F = {} as F,
) {
  const names = Object.keys(sorts);
  const values = [...names, ...names.map((n) => `-${n}`)] as [SortParam<S>, ...SortParam<S>[]];
  return z
    .object({
      ...filters,
      sort: z.enum(values).default(defaults.sort as never),
      limit: z.coerce.number().int().min(1).max(defaults.maxLimit ?? 200).default(defaults.limit ?? 50),
      cursor: cursorField.optional(),
    })
    .superRefine((value, ctx) => {
      const q = value as unknown as { sort: string; cursor?: ListCursor };
      const { cursor, sort } = q;
      if (!cursor) return;
      const kind = sorts[sort.replace(/^-/, '')];
      if (cursor.sort !== sort || (kind === 'time' && !isTimeKey(cursor.key))) {
        ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'belongs to another sort order or list' });
      }
    });
}

/** What every list answers: one page, and the cursor of the next (null on the last page). */
export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export type Page<T> = { items: T[]; nextCursor: string | null };
