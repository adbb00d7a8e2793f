/**
 * What the kernel says a process or a core spent: the only CPU figures the bench trusts, because
 * wall-clock rates on a shared 2-core VM move with whatever else runs (see the interference column).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim() || 100);

/** utime + stime of a process and all its threads, in seconds (/proc/PID/stat fields 14 and 15). */
export function cpuSeconds(pid: number, file = `/proc/${pid}/stat`): number {
  const stat = readFileSync(file, 'utf8');
  // The command name (field 2) may hold spaces: count fields from the closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/**
 * CPU seconds of a process per thread name (/proc/PID/task/TID/comm): libuv's pool threads are
 * "libuv-worker", the JS thread "MainThread", V8's helpers (GC, compiler) "V8Worker".
 */
export function cpuSecondsByThread(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      out.set(name, (out.get(name) ?? 0) + cpuSeconds(Number(tid), `/proc/${pid}/task/${tid}/stat`));
    } catch {} // the thread ended between the listing and the read
  }
  return out;
}

/** CPU seconds of several processes; one that has exited in the meantime counts as 0. */
export function cpuSecondsOf(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      out.set(pid, cpuSeconds(pid));
    } catch {
      out.set(pid, 0);
    }
  }
  return out;
}

/** Resident memory of a process in MB (/proc/PID/status VmRSS). */
export function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

/** Seconds one core (or all of them) spent busy, any process, and stolen by the hypervisor, from /proc/stat. */
export function coreTimes(core: number | 'all'): { busy: number; steal: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith(`cpu${core === 'all' ? '' : core} `));
  if (!line) return { busy: NaN, steal: NaN };
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return { busy: (user + nice + system + irq + softirq) / CLK_TCK, steal: (steal ?? 0) / CLK_TCK };
}
