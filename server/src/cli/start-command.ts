import cluster from 'node:cluster';
import { ConfigError, type Config } from '../config.ts';
import { startTessera } from '../main.ts';
import { CliError } from './cli-error.ts';
import { buildWebIfStale } from './build-web.ts';
import type { DataDirLock } from './data-dir-lock.ts';
import { reachEmbedded } from './reach-embedded.ts';
import { startCluster } from './start-cluster.ts';
import { stopOnSignal } from './stop-on-signal.ts';
import type { Command } from './parse-command.ts';

/** `tessera start`: the web app built if needed, then one server process, or WORKERS of them on PostgreSQL. */
export async function startCommand(cmd: Extract<Command, { name: 'start' }>, config: Config): Promise<void> {
  if (config.workers > 1 && !config.databaseUrl) {
    throw new ConfigError(`Invalid configuration: WORKERS=${config.workers} needs DATABASE_URL (the embedded database admits one process)`);
  }
  if (cluster.isWorker) return serve(config, { printSetupLink: cluster.worker?.id === 1 });
  // Before the build: a second `npm start` on the same DATA_DIR should stop at once.
  const lock = config.databaseUrl ? undefined : await lockEmbeddedDatabase(config.dataDir);
  if (cmd.build) await buildWebIfStale();
  if (config.workers > 1) return startCluster(config);
  return serve(config, { printSetupLink: true, lock });
}

/** One server process: the whole of Tessera, or one cluster worker (only the first prints the setup link). */
async function serve(config: Config, opts: { printSetupLink: boolean; lock?: DataDirLock }): Promise<void> {
  const signals = stopOnSignal();
  // The setup password is the CLI's alone: it never enters the server's configuration.
  const { adminPassword: _, ...serverConfig } = config;
  const running = await startTessera(serverConfig, { printSetupLink: opts.printSetupLink }).catch((err: unknown) => {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`Port ${config.port} is already in use: stop what listens there, or set PORT.`);
    if (code === 'EACCES') throw new CliError(`Not allowed to listen on port ${config.port}: choose a PORT above 1023.`);
    throw err;
  });
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      running.logger.info('Stopping Tessera…');
      await running.stop();
      opts.lock?.release();
    })());
  process.send?.({ type: 'tessera:ready' });
  // A worker whose primary is gone would wait for connections that never come.
  if (cluster.isWorker) process.on('disconnect', () => void stop().finally(() => process.exit(0)));
  signals.started(stop);
}

async function lockEmbeddedDatabase(dataDir: string): Promise<DataDirLock> {
  const access = await reachEmbedded(dataDir);
  if (access.kind === 'server') throw new CliError(`Tessera is already running on ${dataDir} (pid ${access.server.pid}, ${access.server.url}).`);
  return access.lock;
}
