/**
 * S2 (client_credentials), S2b (authorization-code round trips of a signed-in browser) and S3
 * (refresh_token, rotation on, a pool of distinct grants) against a fresh Tessera on core 1: saturated
 * runs interleaved with the references measured on the same core in the same run — ES256 signatures
 * alone, and stock oidc-provider (same version, in-memory adapter) driven by the same load generator
 * (S2 and S3; stock has no Tessera sign-in for S2b) — then latency at half of the saturated rate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PASSWORD } from './scenario.ts';
import { coreTimes, cpuSeconds, cpuSecondsByThread, rssMb } from './proc-stats.ts';
import { startBackendCpu } from './postgres-backends.ts';
import { jsonLines, spawnPinned } from './spawn-pinned.ts';
import { startBenchServer, type BenchServer } from './start-bench-server.ts';
import type { OidcLoadArgs } from './load-oidc.ts';

export type GrantKind = 'cc' | 'code' | 'refresh';
export type GrantOptions = { runs: number; seconds: number; concurrency: number; threadpool: number; postgresAdminUrl?: string; refreshGrants: number };
type Load = { completed: number; non2xx: number; errors: number; firstFailure?: string; perSecond: number; p50: number; p99: number; cpuSeconds: number; idTokenAlg?: string; pool: number; prepared: number; lost: number };
type Window = { wall: number; serverCpu: number; databaseCpu: number; threads: Record<string, number>; serverCoreBusy: number; loadCoreBusy: number; othersOnCore1: number; othersOnMachine: number };
export type Signatures = { alg: string; perSecond: number; perCpuSecond: number; coreBusy: number };
type OidcReady = { publicUrl: string; email: string; machine: { clientId: string; clientSecret: string }; web: { clientId: string; clientSecret: string; redirectUri: string } };
type StockReady = { port: number; pid: number; origin: string; machine: OidcReady['machine']; web: OidcReady['web'] };
/** A server to load: its process (CPU is read from /proc), its database backends, and how to reach it. */
type Target = { name: string; pid: number; postgres?: BenchServer['postgres']; args: Omit<OidcLoadArgs, 'seconds' | 'concurrency' | 'rate'> };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One window of the load generator on core 0; server CPU is read when its window opens and closes. */
async function runLoad(target: Target, seconds: number, concurrency: number, rate = 0, prepareSeconds = 0): Promise<Load & Window> {
  const args: OidcLoadArgs = { ...target.args, seconds, concurrency, rate };
  const lines = jsonLines(spawnPinned(0, 'load-oidc.ts', [JSON.stringify(args)]), (seconds + 60 + prepareSeconds) * 1000);
  await lines.next();
  const core0 = coreTimes(1);
  const machine0 = coreTimes('all');
  const cpu0 = cpuSeconds(target.pid);
  const threads0 = cpuSecondsByThread(target.pid);
  const db = target.postgres && (await startBackendCpu(target.postgres.adminUrl, target.postgres.database));
  const t0 = performance.now();
  const load = await lines.next<Load>();
  const wall = (performance.now() - t0) / 1000;
  const serverCpu = cpuSeconds(target.pid) - cpu0;
  const threads = Object.fromEntries([...cpuSecondsByThread(target.pid)].map(([name, cpu]) => [name, cpu - (threads0.get(name) ?? 0)]));
  const databaseCpu = db ? await db.since() : 0;
  const core = coreTimes(1);
  const machine = coreTimes('all');
  const othersOnCore1 = Math.max(0, core.busy - core0.busy - serverCpu - databaseCpu) / wall;
  const othersOnMachine = Math.max(0, machine.busy - machine0.busy - serverCpu - databaseCpu - load.cpuSeconds) / wall;
  if (load.firstFailure) console.error(`${target.name} (${args.mode}): first failure: ${load.firstFailure}`);
  return { ...load, wall, serverCpu, databaseCpu, threads, serverCoreBusy: (serverCpu + databaseCpu) / wall, loadCoreBusy: load.cpuSeconds / wall, othersOnCore1, othersOnMachine };
}

async function runSignatures(seconds: number, alg: 'ES256' | 'RS256'): Promise<Signatures> {
  return jsonLines(spawnPinned(1, 'es256-reference.ts', [seconds, alg]), (seconds + 60) * 1000).next<Signatures>();
}

/** Stock oidc-provider in its own process on core 1, with `mint` refresh tokens written to `poolFile`. */
async function startStock(poolFile: string, mint: number) {
  const child = spawnPinned(1, 'stock-oidc-server.ts', [poolFile, mint]);
  const closed = new Promise((r) => child.once('close', r));
  const ready = await jsonLines(child, 5 * 60_000).next<StockReady>();
  return {
    ...ready,
    async stop() {
      child.kill('SIGTERM');
      const stuck = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await closed;
      clearTimeout(stuck);
    },
  };
}

export async function runGrantScenario(kind: GrantKind, opts: GrantOptions) {
  const server = await startBenchServer('oidc', { UV_THREADPOOL_SIZE: String(opts.threadpool) }, opts.postgresAdminUrl);
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-bench-grants-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const poolSize = kind === 'refresh' ? opts.refreshGrants : undefined;
  const stock = kind === 'code' ? undefined : await startStock(path.join(dir, 'stock-pool.json'), poolSize ?? 0).catch(async (err) => (await server.stop(), removeDir(), Promise.reject(err)));
  try {
    const oidc = (server as BenchServer & { oidc: OidcReady }).oidc;
    const client = kind === 'cc' ? oidc.machine : oidc.web;
    const ours: Target = {
      name: 'Tessera',
      pid: server.pid,
      postgres: server.postgres,
      args: { mode: kind, port: server.port, publicOrigin: oidc.publicUrl, mount: '/oidc', ...client, email: oidc.email, password: PASSWORD, poolFile: path.join(dir, 'ours-pool.json'), poolSize, prepare: true },
    };
    const stockTarget: Target | undefined = stock && {
      name: 'stock oidc-provider',
      pid: stock.pid,
      args: { mode: kind, port: stock.port, publicOrigin: stock.origin, mount: '', ...(kind === 'cc' ? stock.machine : stock.web), poolFile: path.join(dir, 'stock-pool.json'), poolSize, prepare: false },
    };
    const rssIdle = rssMb(server.pid);
    const warmSeconds = Math.min(3, opts.seconds);
    // The warm-up also prepares S3's grants (code round trips through a signed-in browser), before its window.
    const prepareSeconds = (poolSize ?? 0) * 0.5;
    const prepareStart = performance.now();
    const warmUp = await runLoad(ours, warmSeconds, opts.concurrency, 0, prepareSeconds);
    const prepareWall = (performance.now() - prepareStart) / 1000 - warmUp.wall;
    const stockWarmUp = stockTarget && (await runLoad(stockTarget, warmSeconds, opts.concurrency));
    const saturated: (Load & Window & { perCpuSecond: number })[] = [];
    const stockSaturated: (Load & Window & { perCpuSecond: number })[] = [];
    const reference: Signatures[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const r = await runLoad(ours, opts.seconds, opts.concurrency);
      saturated.push({ ...r, perCpuSecond: r.completed / (r.serverCpu + r.databaseCpu) });
      reference.push(await runSignatures(opts.seconds, 'ES256'));
      if (stockTarget) {
        const s = await runLoad(stockTarget, opts.seconds, opts.concurrency);
        stockSaturated.push({ ...s, perCpuSecond: s.completed / s.serverCpu });
      }
    }
    // For information: what an ID token signature costs at the algorithm oidc-provider uses by default.
    const rs256 = kind === 'cc' ? undefined : await runSignatures(Math.min(3, opts.seconds), 'RS256');
    const rate = median(saturated.map((s) => s.perSecond)) / 2;
    const half = await runLoad(ours, opts.seconds, 0, rate);
    return {
      kind,
      poolSize,
      prepared: warmUp.prepared,
      prepareWall,
      idTokenAlg: warmUp.idTokenAlg ?? saturated[0]?.idTokenAlg,
      saturated,
      reference,
      rs256,
      stock: stockTarget && { saturated: stockSaturated, non2xx: [stockWarmUp!, ...stockSaturated].reduce((n, s) => n + s.non2xx + s.errors, 0), rssMb: rssMb(stock!.pid) },
      halfLoad: { rate, ...half },
      non2xx: [warmUp, ...saturated, half].reduce((n, s) => n + s.non2xx + s.errors, 0),
      rssMb: { idle: rssIdle, after: rssMb(server.pid) },
    };
  } finally {
    await Promise.all([server.stop(), stock?.stop()]);
    removeDir();
  }
}

export type GrantResult = Awaited<ReturnType<typeof runGrantScenario>>;
