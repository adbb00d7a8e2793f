/**
 * The load generator (run under `taskset -c 0`): complete sign-ins through the real HTTP flow —
 * POST /api/auth/sign-in, then POST /api/auth/sign-in/password with the flow cookie. Closed loop
 * with N virtual users, or paced at a fixed rate (`--rate`) for latency at half of saturation.
 */
const [port, domain, users, seconds, concurrency, rate] = process.argv.slice(2).map((v, i) => (i === 1 ? v : Number(v))) as [number, string, number, number, number, number];
const base = `http://127.0.0.1:${port}`;
let completed = 0;
let non2xx = 0;
let seq = 0;
const latencies: number[] = [];

async function signIn(): Promise<void> {
  const n = seq++;
  // A distinct client address per sign-in (a header the server believes only from its trusted proxy,
  // 127.0.0.1): the per-IP limit protects the service, it is not what is measured here.
  const xff = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const headers = { 'content-type': 'application/json', 'x-forwarded-for': xff };
  const t0 = performance.now();
  const start = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers, body: JSON.stringify({ email: `bench${n % users}@${domain}` }) });
  await start.arrayBuffer();
  if (start.status !== 200) return void non2xx++;
  const cookie = start.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const done = await fetch(`${base}/api/auth/sign-in/password`, { method: 'POST', headers: { ...headers, cookie }, body: JSON.stringify({ password: 'bench-Password-2026!' }) });
  const body = (await done.json()) as { step?: string };
  if (done.status !== 200 || body.step !== 'done') return void non2xx++;
  latencies.push(performance.now() - t0);
  completed++;
}

const deadline = Date.now() + seconds * 1000;
const t0 = Date.now();
if (rate > 0) {
  const pending: Promise<void>[] = [];
  for (let i = 0; Date.now() < deadline; i++) {
    const due = t0 + (i * 1000) / rate;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    pending.push(signIn());
  }
  await Promise.all(pending);
} else {
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < deadline) await signIn();
  }));
}
const elapsed = (Date.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? NaN;
process.stdout.write(JSON.stringify({ completed, non2xx, perSecond: completed / elapsed, p50: pct(50), p99: pct(99) }) + '\n');
