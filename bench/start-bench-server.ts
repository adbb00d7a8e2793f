/**
 * A fresh server under test on core 1 (bench/server.ts): embedded PGlite in a temp dir, or a new
 * scratch database on the PostgreSQL server of `postgresAdminUrl`, dropped again by `stop()`.
 */
import { createScratchDatabase } from '../server/test/test-database.ts';
import { jsonLines, spawnPinned } from './spawn-pinned.ts';

export type BenchServer = {
  pid: number;
  port: number;
  domain: string;
  /** Where to find its PostgreSQL backends, when it has any. */
  postgres?: { adminUrl: string; database: string };
  stop(): Promise<void>;
};

const START_TIMEOUT_MS = 5 * 60_000; // seeding S8's 100 000 members included

export async function startBenchServer(mode: string, env: Record<string, string>, postgresAdminUrl?: string): Promise<BenchServer> {
  const scratch = postgresAdminUrl ? await createScratchDatabase(postgresAdminUrl, 'tessera_bench') : undefined;
  const child = spawnPinned(1, 'server.ts', [mode], { ...env, ...(scratch ? { BENCH_DATABASE_URL: scratch.url } : {}) });
  const closed = new Promise((r) => child.once('close', r));
  try {
    const ready = await jsonLines(child, START_TIMEOUT_MS).next<{ port: number; domain: string; pid: number }>();
    return {
      ...ready,
      postgres: scratch && { adminUrl: postgresAdminUrl!, database: new URL(scratch.url).pathname.slice(1) },
      async stop() {
        child.kill('SIGTERM');
        const stuck = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await closed;
        clearTimeout(stuck);
        await scratch?.drop();
      },
    };
  } catch (err) {
    child.kill('SIGKILL');
    await scratch?.drop();
    throw err;
  }
}
