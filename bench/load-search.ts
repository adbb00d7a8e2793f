/**
 * S8 load (run under `taskset -c 0`): an administrator signs in once, then N clients page through
 * GET /api/admin/users?q=<term>&limit=50 with a varying search term.
 */
const [port, domain, seconds, concurrency] = process.argv.slice(2).map((v, i) => (i === 1 ? v : Number(v))) as [number, string, number, number];
const base = `http://127.0.0.1:${port}`;
const headers = { 'content-type': 'application/json', 'x-forwarded-for': '10.200.0.1' };
const start = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers, body: JSON.stringify({ email: `bench0@${domain}`, portal: 'admin' }) });
const flow = start.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const done = await fetch(`${base}/api/auth/sign-in/password`, { method: 'POST', headers: { ...headers, cookie: flow }, body: JSON.stringify({ password: 'bench-Password-2026!' }) });
const cookie = done.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
if (done.status !== 200) throw new Error(`admin sign-in failed: ${done.status}`);

// Names, surnames fragments, e-mail pieces and usernames: what an administrator types.
const terms = ['grace', 'lovelace', 'surname1a', 'member4242', 'radia', 'surnameff', 'm3b', 'edsg', 'member99', 'ken'];
let completed = 0;
let non2xx = 0;
let n = 0;
const latencies: number[] = [];
const deadline = Date.now() + seconds * 1000;
const t0 = Date.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (Date.now() < deadline) {
      const q = terms[n++ % terms.length];
      const t = performance.now();
      const res = await fetch(`${base}/api/admin/users?limit=50&q=${q}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) non2xx++;
      else (latencies.push(performance.now() - t), completed++);
    }
  }),
);
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? NaN;
process.stdout.write(JSON.stringify({ completed, non2xx, perSecond: completed / ((Date.now() - t0) / 1000), p50: pct(50), p99: pct(99) }) + '\n');
