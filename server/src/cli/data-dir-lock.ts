import path from 'node:path';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

export type DataDirLock = { release(): void };

/** true while a process with this id exists (EPERM: it does, under another user). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no lock of its own, and two processes writing one data directory corrupt it. Whoever
 * opens the embedded database first creates DATA_DIR/database.lock holding its pid; a lock whose
 * process is gone (a crash, a kill -9) is taken over.
 */
export function tryLockDataDir(dataDir: string): { lock: DataDirLock } | { holder: number } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'database.lock');
  let holder = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return { lock: ownLock(file) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    holder = readPid(file);
    // Our own pid in the file is a previous life of this process (containers reuse pid 1).
    if (holder !== process.pid && isProcessAlive(holder)) return { holder };
    rmSync(file, { force: true });
  }
  return { holder };
}

function ownLock(file: string): DataDirLock {
  const release = () => {
    if (readPid(file) === process.pid) rmSync(file, { force: true });
    process.off('exit', release);
  };
  // process.exit() skips finally blocks; the lock must not outlive us.
  process.on('exit', release);
  return { release };
}

function readPid(file: string): number {
  try {
    return Number(readFileSync(file, 'utf8').trim());
  } catch {
    return 0;
  }
}
