import { is, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Queryable } from './open.ts';

type Statement<R> = { execute(params?: Record<string, unknown>): Promise<R> };

/** A named parameter of a prepared statement. */
export const param = (name: string) => sql.placeholder(name);

/**
 * A statement built once per database and prepared: drizzle renders its SQL once, and PostgreSQL
 * plans the named statement once per connection. Used for what nearly every request runs (the
 * session lookup, the audit row, the sign-in reads). Inside a transaction it is built on that
 * transaction, so it runs in it.
 */
export function prepared<R>(name: string, build: (db: Queryable) => { prepare(name: string): Statement<R> }) {
  const byDatabase = new WeakMap<object, Statement<R>>();
  return (db: Queryable, params: Record<string, unknown>): Promise<R> => {
    if (is(db, PgTransaction)) return build(db).prepare(name).execute(params);
    let statement = byDatabase.get(db);
    if (!statement) byDatabase.set(db, (statement = build(db).prepare(name)));
    return statement.execute(params);
  };
}
