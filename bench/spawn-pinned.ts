/** Bench child processes: a TS entry on this Node, pinned to one core when `taskset` exists. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const live = new Set<ChildProcess>();
// A bench that dies half-way must not leave a server busy on core 1 for the next run.
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export function spawnPinned(core: number, script: string, args: (string | number)[], env: Record<string, string> = {}): ChildProcess {
  const cmd = [process.execPath, path.join(here, script), ...args.map(String)];
  const [bin, ...rest] = hasTaskset ? ['taskset', '-c', String(core), ...cmd] : cmd;
  const child = spawn(bin, rest, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  live.add(child);
  child.once('close', () => live.delete(child));
  return child;
}

/**
 * The child's stdout as JSON lines, one per `next()`. Rejects when the child ends before the line
 * arrives, and kills it when a line takes longer than `timeoutMs`: every phase is bounded in time.
 */
export function jsonLines(child: ChildProcess, timeoutMs: number): { next<T>(): Promise<T> } {
  const queue: string[] = [];
  let waiter: { resolve(line: string): void; reject(err: Error): void } | undefined;
  let ended: Error | undefined;
  let buf = '';
  child.stdout!.on('data', (d) => {
    buf += d;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      queue.push(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
    if (waiter && queue.length) (waiter.resolve(queue.shift()!), (waiter = undefined));
  });
  // 'close', not 'exit': stdout may still hold the last line when 'exit' fires.
  child.once('close', (code, signal) => {
    ended = new Error(`${child.spawnargs.join(' ')} ended (${signal ?? `exit ${code}`}) before printing its result`);
    waiter?.reject(ended);
  });
  return {
    next<T>() {
      return new Promise<T>((resolve, reject) => {
        if (queue.length) return resolve(JSON.parse(queue.shift()!) as T);
        if (ended) return reject(ended);
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`${child.spawnargs.join(' ')} printed nothing for ${timeoutMs / 1000} s`));
        }, timeoutMs);
        waiter = {
          resolve: (line) => (clearTimeout(timer), resolve(JSON.parse(line) as T)),
          reject: (err) => (clearTimeout(timer), reject(err)),
        };
      });
    },
  };
}
