import { sql } from 'drizzle-orm';
import type { Queryable } from './open.ts';

const names = new Set<string>();

type Statement<R> = { execute(params?: Record<string, unknown>): Promise<R> };

/** A named parameter of a prepared statement. */
export const param = (name: string) => sql.placeholder(name);

/**
 * A statement built once per database handle and prepared: drizzle renders its SQL once, and
 * PostgreSQL plans the named statement once per connection. Used for what nearly every request
 * runs (the session lookup, the audit row, the sign-in reads). A transaction is a handle of its
 * own, so a statement given one is built on it and runs in it.
 */
export function prepared<R>(name: string, build: (db: Queryable) => { prepare(name: string): Statement<R> }) {
  // PostgreSQL refuses one name for two texts on a connection: caught here, at load, on PGlite too.
  if (names.has(name)) throw new Error(`prepared statement name used twice: ${name}`);
  names.add(name);
  const byHandle = new WeakMap<Queryable, Statement<R>>();
  return (db: Queryable, params: Record<string, unknown>): Promise<R> => {
    let statement = byHandle.get(db);
    if (!statement) byHandle.set(db, (statement = build(db).prepare(name)));
    return statement.execute(params);
  };
}
