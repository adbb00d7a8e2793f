/**
 * S1, password sign-in through the real HTTP flow, at one set of argon2 parameters: saturated runs
 * interleaved with runs of the reference (argon2id verifications alone on the same core), then
 * latency at half of the saturated rate.
 */
import { PARAMS, USERS, type ParamsName } from './scenario.ts';
import { coreTimes, cpuSeconds, cpuSecondsByThread, rssMb } from './proc-stats.ts';
import { startBackendCpu } from './postgres-backends.ts';
import { jsonLines, spawnPinned } from './spawn-pinned.ts';
import { startBenchServer, type BenchServer } from './start-bench-server.ts';

export type SignInOptions = { runs: number; seconds: number; concurrency: number; threadpool: number; postgresAdminUrl?: string };
type Load = { completed: number; non2xx: number; errors: number; firstFailure?: string; perSecond: number; p50: number; p99: number; cpuSeconds: number };
type Reference = { perSecond: number; perCpuSecond: number; coreBusy: number };
/**
 * One measured window: what the server (and its database backends) spent, and what other processes
 * took from core 1 and from the machine (they share caches and memory bandwidth even on core 0).
 */
type Window = { wall: number; serverCpu: number; databaseCpu: number; threads: Record<string, number>; serverCoreBusy: number; othersOnCore1: number; othersOnMachine: number; stolen: number };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs the load generator on core 0; server-side CPU is read when its window opens and closes. */
async function runLoad(server: BenchServer, seconds: number, concurrency: number, rate = 0): Promise<Load & Window> {
  const child = spawnPinned(0, 'load-sign-in.ts', [server.port, server.domain, USERS, seconds, concurrency, rate]);
  const lines = jsonLines(child, (seconds + 60) * 1000);
  await lines.next();
  const core0 = coreTimes(1);
  const machine0 = coreTimes('all');
  const cpu0 = cpuSeconds(server.pid);
  const threads0 = cpuSecondsByThread(server.pid);
  const db = server.postgres && (await startBackendCpu(server.postgres.adminUrl, server.postgres.database));
  const t0 = performance.now();
  const load = await lines.next<Load>();
  const wall = (performance.now() - t0) / 1000;
  const serverCpu = cpuSeconds(server.pid) - cpu0;
  const threads = Object.fromEntries([...cpuSecondsByThread(server.pid)].map(([name, cpu]) => [name, cpu - (threads0.get(name) ?? 0)]));
  const databaseCpu = db ? await db.since() : 0;
  const core = coreTimes(1);
  const machine = coreTimes('all');
  // On PostgreSQL the backends are not pinned; whatever part of them ran on core 1 is not "others".
  const othersOnCore1 = Math.max(0, core.busy - core0.busy - serverCpu - databaseCpu) / wall;
  const othersOnMachine = Math.max(0, machine.busy - machine0.busy - serverCpu - databaseCpu - load.cpuSeconds) / wall;
  if (load.firstFailure) console.error(`S1: first failed sign-in: ${load.firstFailure}`);
  return { ...load, wall, serverCpu, databaseCpu, threads, serverCoreBusy: (serverCpu + databaseCpu) / wall, othersOnCore1, othersOnMachine, stolen: (core.steal - core0.steal) / wall };
}

async function runReference(name: ParamsName, seconds: number, env: Record<string, string>): Promise<Reference> {
  const child = spawnPinned(1, 'argon2-reference.ts', [name, seconds], env);
  return jsonLines(child, (seconds + 60) * 1000).next<Reference>();
}

export async function runSignInScenario(name: ParamsName, opts: SignInOptions) {
  const env = { UV_THREADPOOL_SIZE: String(opts.threadpool) };
  const server = await startBenchServer(name, env, opts.postgresAdminUrl);
  try {
    const rssIdle = rssMb(server.pid);
    const warmUp = await runLoad(server, Math.min(3, opts.seconds), opts.concurrency); // JIT, pool connections, caches
    const saturated: (Load & Window & { perCpuSecond: number })[] = [];
    const reference: Reference[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const r = await runLoad(server, opts.seconds, opts.concurrency);
      saturated.push({ ...r, perCpuSecond: r.completed / (r.serverCpu + r.databaseCpu) });
      reference.push(await runReference(name, opts.seconds, env));
    }
    const rate = median(saturated.map((s) => s.perSecond)) / 2;
    const half = await runLoad(server, opts.seconds, 0, rate);
    return {
      name,
      params: PARAMS[name],
      saturated,
      reference,
      halfLoad: { rate, ...half },
      non2xx: [warmUp, ...saturated, half].reduce((n, s) => n + s.non2xx + s.errors, 0),
      rssMb: { idle: rssIdle, after: rssMb(server.pid) },
    };
  } finally {
    await server.stop();
  }
}

export type SignInResult = Awaited<ReturnType<typeof runSignInScenario>>;
