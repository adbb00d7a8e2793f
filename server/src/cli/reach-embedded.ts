import path from 'node:path';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from './cli-error.ts';
import { isProcessAlive, tryLockDataDir, type DataDirLock } from './data-dir-lock.ts';

export type RunningServer = { url: string; pid: number };

export type EmbeddedAccess = { kind: 'server'; server: RunningServer } | { kind: 'direct'; lock: DataDirLock };

/**
 * The embedded database admits one process. When a Tessera server holds it, go through that
 * server; when nobody does, lock it and open it here. While another process is busy with it (a
 * server still starting, another command), wait up to `waitMs` for it to answer or let go.
 */
export async function reachEmbedded(dataDir: string, waitMs = 15_000): Promise<EmbeddedAccess> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const server = readServerFile(dataDir);
    const serverAlive = server !== undefined && isProcessAlive(server.pid);
    if (serverAlive && (await answers(server.url))) return { kind: 'server', server };
    // server.json is removed on a clean stop; a live pid in it means that process has the database.
    const attempt = serverAlive ? { holder: server.pid } : tryLockDataDir(dataDir);
    if ('lock' in attempt) return { kind: 'direct', lock: attempt.lock };
    if (Date.now() >= deadline) {
      throw new CliError(`The embedded database in ${dataDir} is in use by process ${attempt.holder}, which does not answer as a Tessera server. Wait for it to finish or stop it, then try again.`);
    }
    await sleep(250);
  }
}

export function readServerFile(dataDir: string): RunningServer | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path.join(dataDir, 'server.json'), 'utf8')) as Partial<RunningServer>;
    if (typeof parsed.url !== 'string' || typeof parsed.pid !== 'number') return undefined;
    // The local credential is sent there: never off this machine, whatever the file says.
    if (!['127.0.0.1', '[::1]', 'localhost'].includes(new URL(parsed.url).hostname)) return undefined;
    return { url: parsed.url, pid: parsed.pid };
  } catch {
    return undefined;
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}
