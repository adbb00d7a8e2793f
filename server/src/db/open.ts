import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.ts';
import { listenPostgres, type Listen } from './listen.ts';
import { pgliteStatements } from './pglite-statements.ts';

export type Schema = typeof schema;
/** One type for both drivers: the domain never knows whether it runs on PGlite or PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that can run a query: the database or a transaction inside it. */
export type Queryable = Db | Tx;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  ping(): Promise<void>;
  /** LISTEN on one channel; see listen.ts. */
  listen: Listen;
  close(): Promise<void>;
};

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type OpenOptions = { databaseUrl?: string; dataDir?: string; poolSize?: number };

/**
 * PostgreSQL when a URL is given, else embedded PGlite in `dataDir` (in memory when dataDir is
 * 'memory://'). Migrations are applied before the handle is returned.
 */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts.dataDir ?? 'memory://');
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  await migrate(db as never, { migrationsFolder });
  return {
    db,
    kind: 'postgres',
    ping: async () => void (await pool.query('select 1')),
    listen: (channel, onNotify, onLost) => listenPostgres(url, channel, onNotify, onLost),
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  // pg_trgm backs the admin's substring search (trigram GIN indexes), as on PostgreSQL.
  const client = await PGlite.create(dataDir === 'memory://' ? undefined : path.join(dataDir, 'pgdata'), { extensions: { pg_trgm } });
  // Migrations are one-off DDL: PGlite's own query serves them; the application's statements are named.
  await migrate(drizzle({ client }) as never, { migrationsFolder });
  const db = drizzle({ client: pgliteStatements(client) as never, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    ping: async () => void (await client.query('select 1')),
    // In-process: nothing to lose, so `onLost` is never called.
    listen: async (channel, onNotify) => {
      const stop = await client.listen(channel, onNotify);
      // Closing after the database itself closed (shutdown order) has nothing left to stop.
      return async () => void (await stop().catch(() => {}));
    },
    close: () => client.close(),
  };
}
