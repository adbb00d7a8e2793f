import type { Config } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { reachEmbedded } from './reach-embedded.ts';

/** `tessera migrate`: applies the pending migrations (openDatabase does) and exits. */
export async function migrateCommand(config: Config): Promise<string> {
  if (config.databaseUrl) {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 });
    await database.close();
    return 'The PostgreSQL database is up to date.\n';
  }
  const access = await reachEmbedded(config.dataDir);
  if (access.kind === 'server') return `Tessera is running (pid ${access.server.pid}) and applied the migrations when it started.\n`;
  try {
    const database = await openDatabase({ dataDir: config.dataDir });
    await database.close();
    return `The embedded database in ${config.dataDir} is up to date.\n`;
  } finally {
    access.lock.release();
  }
}
