import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite, types } from '@electric-sql/pglite';
import { pgliteStatements } from './pglite-statements.ts';

// drizzle's PGlite driver names these parsers on every call (timestamps stay strings for it to map).
const asText = (v: string) => v;
const drizzleOptions = { rowMode: 'array' as const, parsers: { [types.TIMESTAMPTZ]: asText, [types.TIMESTAMP]: asText, [types.DATE]: asText } };

let client: PGlite;
beforeAll(async () => {
  client = await PGlite.create();
  await client.exec(`
    create table things (id serial primary key, name text unique not null, data jsonb, raw bytea, tags text[], ok boolean, at timestamptz default '2026-12-01T10:00:00Z', n numeric);
    insert into things (name, data, raw, tags, ok, n) values ('a', '{"x":[1,2]}', '\\x0102', '{p,q}', true, 1.5), ('b', null, null, null, null, null);`);
});
afterAll(() => client.close());

describe('PGlite statements (db/pglite-statements.ts)', () => {
  const select = 'select id, name, data, raw, tags, ok, at, n from things where name = any($1) order by id';

  it('returns what PGlite’s own query returns, row for row and type for type', async () => {
    const fast = pgliteStatements(client);
    const params = [['a', 'b']];
    const expected = await client.query(select, params, drizzleOptions);
    const got = await fast.query(select, params, drizzleOptions);
    expect(got.rows).toEqual(expected.rows);
    expect(got.fields).toEqual(expected.fields);
    expect(got.rows[0]).toEqual([1, 'a', { x: [1, 2] }, new Uint8Array([1, 2]), ['p', 'q'], true, '2026-12-01 10:00:00+00', '1.5']);
    // Object rows and a second run of the same (now named) statement.
    const objects = await fast.query(select, [['b']], { rowMode: 'object' });
    expect(objects.rows).toEqual([{ id: 2, name: 'b', data: null, raw: null, tags: null, ok: null, at: new Date('2026-12-01T10:00:00Z'), n: null }]);
  });

  it('serializes parameters by their declared types (json, bytea, arrays, booleans, dates)', async () => {
    const fast = pgliteStatements(client);
    const insert = 'insert into things (name, data, raw, tags, ok, at) values ($1, $2, $3, $4, $5, $6) returning id, data, raw, tags, ok, at';
    const { rows, affectedRows } = await fast.query(insert, ['c', { k: 'v' }, new Uint8Array([255]), ['x', 'y z'], false, new Date('2026-01-02T03:04:05Z')], drizzleOptions);
    expect(affectedRows).toBe(1);
    expect(rows[0]).toEqual([expect.any(Number), { k: 'v' }, new Uint8Array([255]), ['x', 'y z'], false, '2026-01-02 03:04:05+00']);
  });

  it('reports a database error with its code and the statement, and the next statement runs', async () => {
    const fast = pgliteStatements(client);
    const insert = 'insert into things (name) values ($1)';
    await fast.query(insert, ['dup']);
    const err = await fast.query(insert, ['dup']).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: '23505', query: insert });
    await expect(fast.query('select nonsense from', [])).rejects.toMatchObject({ code: '42601' });
    expect((await fast.query('select count(*)::int as n from things where name = $1', ['dup'])).rows).toEqual([{ n: 1 }]);
  });

  it('runs inside a transaction: a rollback undoes its writes; a commit keeps them', async () => {
    const fast = pgliteStatements(client);
    const insert = 'insert into things (name) values ($1)';
    await expect(
      fast.transaction(async (tx) => {
        await tx.query(insert, ['rolled-back']);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await fast.transaction(async (tx) => void (await tx.query(insert, ['committed'])));
    const names = (await fast.query('select name from things where name in ($1, $2)', ['rolled-back', 'committed'])).rows;
    expect(names).toEqual([{ name: 'committed' }]);
  });

  it('closes the least recently used statement beyond its capacity and keeps answering', async () => {
    const fast = pgliteStatements(client, 2);
    const texts = [1, 2, 3, 4, 5, 6, 1].map((i) => `select ${i} as v`);
    for (const text of texts) await fast.query(text);
    const named = await client.query<{ n: number }>("select count(*)::int as n from pg_prepared_statements where statement like 'select _ as v'");
    // The closes of evicted statements ride with the next batch: at most capacity + the pending one.
    expect(named.rows[0].n).toBeLessThanOrEqual(3);
    for (const text of texts) expect((await fast.query(text)).rows).toEqual([{ v: Number(text.at(7)) }]);
  });
});
