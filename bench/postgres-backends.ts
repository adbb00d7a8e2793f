/**
 * On PostgreSQL part of a sign-in's CPU is spent in the database's backend processes, outside the
 * Node process: count it, or the figure would flatter the PostgreSQL setup against PGlite.
 */
import { cpuSecondsOf } from './proc-stats.ts';

/** Pids of the backends connected to one database, as PostgreSQL lists them. */
export async function backendPids(adminUrl: string, database: string): Promise<number[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/**
 * Snapshot now, `since()` later: CPU seconds the database's backends spent in between. A backend
 * opened during the window counts from zero; one closed during it is lost (the pool closes only
 * idle connections, and a saturated window has none).
 */
export async function startBackendCpu(adminUrl: string, database: string): Promise<{ since(): Promise<number> }> {
  const before = cpuSecondsOf(await backendPids(adminUrl, database));
  return {
    async since() {
      const after = cpuSecondsOf(await backendPids(adminUrl, database));
      let total = 0;
      for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
      return total;
    },
  };
}
