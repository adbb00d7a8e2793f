/**
 * One bench at a time on this machine: two runs on the same two cores would each measure the
 * other. The lock is a file holding the owner's pid; a lock whose owner is gone is taken over.
 */
import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const LOCK = path.join(tmpdir(), 'tessera-bench.lock');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryLock(): number | undefined {
  try {
    const fd = openSync(LOCK, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  let owner = NaN;
  try {
    owner = Number(readFileSync(LOCK, 'utf8'));
  } catch {
    return tryLock(); // released between our two calls
  }
  if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) return owner;
  try {
    unlinkSync(LOCK);
  } catch {}
  return tryLock();
}

/** Waits (up to `maxWaitMs`) for other bench runs to finish; the lock is released when this process exits. */
export async function acquireBenchLock(maxWaitMs: number): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  let told = false;
  for (let owner = tryLock(); owner !== undefined; owner = tryLock()) {
    if (Date.now() > deadline) throw new Error(`another bench (pid ${owner}) still holds ${LOCK}`);
    if (!told) console.error(`Waiting for another bench run (pid ${owner}) to finish…`);
    told = true;
    await new Promise((r) => setTimeout(r, 2000));
  }
  process.on('exit', () => {
    try {
      if (Number(readFileSync(LOCK, 'utf8')) === process.pid) unlinkSync(LOCK);
    } catch {}
  });
}
