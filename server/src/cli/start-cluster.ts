import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { createLogger } from '../logger.ts';
import { loadMasterKey } from '../domain/secrets/master-key.ts';
import { stopOnSignal } from './stop-on-signal.ts';

/**
 * WORKERS=N on PostgreSQL: N processes share the port (node:cluster hands out connections). The
 * primary serves nothing; it applies the migrations and generates DATA_DIR/secret.key (when
 * TESSERA_SECRET is unset) once, so the workers do not race to, and keeps N workers alive.
 */
export async function startCluster(config: Config): Promise<void> {
  const signals = stopOnSignal();
  loadMasterKey(config.secretHex, config.dataDir);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 });
  await database.close();

  const logger = createLogger(config.logLevel);
  const alive = new Set<Worker>();
  const ready = new Set<Worker>();
  let stopping = false;
  let allExited: () => void = () => {};

  const fork = () => {
    const worker = cluster.fork();
    alive.add(worker);
    worker.on('message', (m: { type?: string }) => {
      if (m?.type === 'tessera:ready') ready.add(worker);
    });
  };

  const stopAll = () => {
    for (const w of alive) w.process.kill('SIGTERM');
  };

  cluster.on('exit', (worker: Worker, code, signal) => {
    alive.delete(worker);
    if (stopping) {
      if (alive.size === 0) allExited();
      return;
    }
    if (!ready.has(worker)) {
      // It printed why; a worker that cannot start would fail the same way again.
      logger.error(`A worker failed to start (${signal ?? `exit code ${code}`}); stopping.`);
      stopping = true;
      stopAll();
      process.exitCode = 1;
      return;
    }
    logger.warn(`Worker ${worker.process.pid} exited (${signal ?? `exit code ${code}`}); starting another.`);
    fork();
  });

  logger.info(`Starting ${config.workers} workers`);
  for (let i = 0; i < config.workers; i++) fork();

  signals.started(async () => {
    stopping = true;
    if (alive.size === 0) return;
    const exited = new Promise<void>((resolve) => (allExited = resolve));
    stopAll();
    await exited;
  });
}
