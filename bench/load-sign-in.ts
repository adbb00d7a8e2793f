/**
 * The load generator (run under `taskset -c 0`): complete sign-ins through the real HTTP flow —
 * POST /api/auth/sign-in, then POST /api/auth/sign-in/password with the flow cookie. Closed loop
 * with N virtual users, or paced at a fixed rate (open loop) for latency at half of saturation.
 * Prints {"started":true} when the measured window opens, then one line of results.
 */
import { PASSWORD } from './scenario.ts';

const [port, domain, users, seconds, concurrency, rate] = process.argv.slice(2).map((v, i) => (i === 1 ? v : Number(v))) as [number, string, number, number, number, number];
const base = `http://127.0.0.1:${port}`;
const REQUEST_TIMEOUT_MS = 30_000;
let completed = 0;
let non2xx = 0;
let errors = 0;
let firstFailure: string | undefined;
let seq = 0;
const latencies: number[] = [];

function fail(what: string): void {
  firstFailure ??= what;
}

async function post(path: string, headers: Record<string, string>, body: unknown): Promise<Response> {
  return fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
}

async function signIn(): Promise<void> {
  const n = seq++;
  // A distinct client address per sign-in (a header the server believes only from its trusted proxy,
  // 127.0.0.1): the per-IP limit protects the service, it is not what is measured here.
  const xff = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const headers = { 'content-type': 'application/json', 'x-forwarded-for': xff };
  const t0 = performance.now();
  try {
    const start = await post('/api/auth/sign-in', headers, { email: `bench${n % users}@${domain}`, portal: 'user' });
    const startBody = await start.text();
    if (start.status !== 200) return (non2xx++, fail(`sign-in ${start.status} ${startBody.slice(0, 200)}`));
    const cookie = start.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const done = await post('/api/auth/sign-in/password', { ...headers, cookie }, { password: PASSWORD });
    const body = await done.text();
    if (done.status !== 200) return (non2xx++, fail(`password ${done.status} ${body.slice(0, 200)}`));
    if ((JSON.parse(body) as { step?: string }).step !== 'done') return (non2xx++, fail(`password step not done: ${body.slice(0, 200)}`));
    latencies.push(performance.now() - t0);
    completed++;
  } catch (err) {
    errors++;
    fail(String(err));
  }
}

process.stdout.write('{"started":true}\n');
const deadline = Date.now() + seconds * 1000;
const t0 = Date.now();
const cpu0 = process.cpuUsage();
if (rate > 0) {
  const pending: Promise<void>[] = [];
  for (let i = 0; Date.now() < deadline; i++) {
    const due = t0 + (i * 1000) / rate;
    // Read once: the clock may pass `due` between a check and the timer (a negative delay warns).
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(signIn());
  }
  await Promise.all(pending);
} else {
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) await signIn();
    }),
  );
}
const elapsed = (Date.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? NaN;
process.stdout.write(JSON.stringify({ completed, non2xx, errors, firstFailure, perSecond: completed / elapsed, p50: pct(50), p99: pct(99), cpuSeconds: (cpu.user + cpu.system) / 1e6 }) + '\n');
