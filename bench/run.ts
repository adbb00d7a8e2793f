/**
 * `npm run bench`: every scenario against a fresh Tessera on loopback, each figure beside a
 * reference measured in the same run. Server pinned to core 1, load generator to core 0.
 * Flags: --runs N (default 3), --seconds S (default 10), --quick (1 run of 3 s).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { KEYCLOAK_LOGINS_PER_VCPU, PARAMS, SEARCH_MEMBERS, SEARCH_P99_LIMIT_MS, USERS, type ParamsName } from './scenario.ts';
import { createScratchDatabase } from '../server/test/test-database.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, seconds: { type: 'string', default: '10' }, quick: { type: 'boolean', default: false }, postgres: { type: 'string' } },
});
const runs = values.quick ? 1 : Number(values.runs);
const seconds = values.quick ? 3 : Number(values.seconds);
const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);

/** Runs a TS entry on Node 24, pinned to a core when taskset exists. */
function node(core: number, script: string, args: (string | number)[], env: Record<string, string> = {}): ChildProcess {
  const cmd = [process.execPath, path.join(here, script), ...args.map(String)];
  const [bin, ...rest] = hasTaskset ? ['taskset', '-c', String(core), ...cmd] : cmd;
  return spawn(bin, rest, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
}

function firstJsonLine<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)) as T);
    });
    child.on('exit', (code) => reject(new Error(`${child.spawnargs.join(' ')} exited with ${code}`)));
  });
}

/** utime + stime of a process, in seconds (/proc/PID/stat fields 14 and 15). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

type Load = { completed: number; non2xx: number; perSecond: number; p50: number; p99: number };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

async function scenario(name: ParamsName) {
  const pgdb = values.postgres ? await createScratchDatabase(values.postgres, 'tessera_bench') : undefined;
  const server = node(1, 'server.ts', [name], pgdb ? { BENCH_DATABASE_URL: pgdb.url } : {});
  const { port, domain } = await firstJsonLine<{ port: number; domain: string }>(server);
  const pid = hasTaskset ? Number(spawnSync('pgrep', ['-P', String(server.pid)], { encoding: 'utf8' }).stdout.trim().split('\n')[0]) || server.pid! : server.pid!;
  const rssIdle = rssMb(pid);
  const load = (secs: number, concurrency: number, rate = 0) => firstJsonLine<Load>(node(0, 'load-sign-in.ts', [port, domain, USERS, secs, concurrency, rate]));
  await load(Math.min(3, seconds), 8); // warm-up
  const saturated: (Load & { perCpuSecond: number })[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu0 = cpuSeconds(pid);
    const r = await load(seconds, 8);
    saturated.push({ ...r, perCpuSecond: r.completed / (cpuSeconds(pid) - cpu0) });
  }
  const reference = [];
  for (let i = 0; i < runs; i++) reference.push((await firstJsonLine<{ perSecond: number }>(node(1, 'argon2-reference.ts', [name, seconds]))).perSecond);
  const rate = median(saturated.map((s) => s.perSecond)) / 2;
  const half = await load(seconds, 0, rate);
  const rssAfter = rssMb(pid);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  await pgdb?.drop();
  return {
    name,
    params: PARAMS[name],
    signInsPerSecond: saturated.map((s) => s.perSecond),
    signInsPerCpuSecond: saturated.map((s) => s.perCpuSecond),
    argon2VerificationsPerSecond: reference,
    halfLoad: { rate, p50: half.p50, p99: half.p99 },
    non2xx: saturated.reduce((n, s) => n + s.non2xx, 0) + half.non2xx,
    rssMb: { idle: rssIdle, after: rssAfter },
  };
}

/**
 * S8 (PostgreSQL only): admin user search at 100 000 members. A latency target, so one client at a
 * time: with only two cores, more clients would measure PostgreSQL waiting for the load generator.
 */
async function searchScenario(adminUrl: string) {
  const pgdb = await createScratchDatabase(adminUrl, 'tessera_bench');
  const server = node(1, 'server.ts', ['search'], { BENCH_DATABASE_URL: pgdb.url });
  const { port, domain } = await firstJsonLine<{ port: number; domain: string }>(server);
  const load = (secs: number, concurrency: number) => firstJsonLine<Load>(node(0, 'load-search.ts', [port, domain, secs, concurrency]));
  await load(Math.min(3, seconds), 1);
  const runsOut: Load[] = [];
  for (let i = 0; i < runs; i++) runsOut.push(await load(seconds, 1));
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  await pgdb.drop();
  return runsOut;
}

const results = [];
for (const name of ['ours', 'keycloak'] as const) results.push(await scenario(name));
const search = values.postgres ? await searchScenario(values.postgres) : undefined;


const rows = results.map((r) => {
  const perCpu = median(r.signInsPerCpuSecond);
  const ref = median(r.argon2VerificationsPerSecond);
  return `| S1 password sign-in (${r.name}: m=${r.params.memoryCost} t=${r.params.timeCost}) | **${perCpu.toFixed(1)}** sign-ins per server CPU-s (${range(r.signInsPerCpuSecond)}) | ${median(r.signInsPerSecond).toFixed(1)}/s (${range(r.signInsPerSecond)}) | ${ref.toFixed(1)}/s (${range(r.argon2VerificationsPerSecond)}) | **${((perCpu / ref) * 100).toFixed(0)} %** | ${(perCpu / KEYCLOAK_LOGINS_PER_VCPU).toFixed(1)}× | ${r.halfLoad.p50.toFixed(0)} / ${r.halfLoad.p99.toFixed(0)} ms at ${r.halfLoad.rate.toFixed(1)}/s | ${r.non2xx} | ${r.rssMb.idle.toFixed(0)} → ${r.rssMb.after.toFixed(0)} MB |`;
});
const table = [
  `Tessera bench — ${new Date().toISOString()} — ${values.postgres ? 'PostgreSQL (its own CPU not counted as server CPU)' : 'embedded PGlite'} — ${runs} run(s) × ${seconds} s, median (range)${hasTaskset ? ', server on core 1, load on core 0' : ', UNPINNED (no taskset)'}`,
  '',
  '| scenario | primary | saturated | argon2id verifications on the same core | ratio to verification limit (target ≥ 85 %) | vs Keycloak 15/s per vCPU | p50 / p99 at half load | non-2xx | RSS idle → after |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows,
  ...(search
    ? [
        '',
        '| scenario | p50 | p99 (limit 100 ms) | pages/s, one client | non-2xx |',
        '|---|---|---|---|---|',
        `| S8 admin user search, ${SEARCH_MEMBERS.toLocaleString('en')} members, page of 50, \`%term%\` | ${median(search.map((s) => s.p50)).toFixed(1)} ms | **${median(search.map((s) => s.p99)).toFixed(1)} ms** (${range(search.map((s) => s.p99))}) = ${((median(search.map((s) => s.p99)) / SEARCH_P99_LIMIT_MS) * 100).toFixed(0)} % of the limit | ${median(search.map((s) => s.perSecond)).toFixed(0)} | ${search.reduce((n, s) => n + s.non2xx, 0)} |`,
      ]
    : []),
].join('\n');
console.log(table);
mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(path.join(here, 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify({ signIn: results, search }, null, 2));
writeFileSync(path.join(here, 'results', 'latest.md'), table + '\n');
if (results.some((r) => r.non2xx > 0) || search?.some((s) => s.non2xx > 0)) {
  console.error('FAILED: some requests did not succeed (non-2xx > 0).');
  process.exit(1);
}
