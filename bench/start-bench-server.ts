/**
 * A fresh server under test on core 1 (bench/server.ts): embedded PGlite in a temp DATA_DIR, or a
 * new scratch database on the PostgreSQL server of `postgresAdminUrl` (DATA_DIR then holds only the
 * master key). Both are made here and removed here once the process has ended (by `stop()`, or
 * when it fails to start), whether it exited or had to be killed: a server killed after hanging
 * cannot clean up after itself, and one run's DATA_DIR holds up to 70 MB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-bench-'));
  const child = spawnPinned(1, 'server.ts', [mode], { ...env, BENCH_DATA_DIR: dataDir, ...(scratch ? { BENCH_DATABASE_URL: scratch.url } : {}) });
  const closed = new Promise((r) => child.once('close', r));
  const removeData = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  };
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
        await removeData();
      },
    };
  } catch (err) {
    child.kill('SIGKILL');
    // Ended, so that nothing writes into DATA_DIR while it goes.
    await closed;
    await removeData();
    throw err;
  }
}
