/**
 * The reference: argon2id verifications on the same single core as the server (run under
 * `taskset -c 1`), with more verifications in flight than libuv has pool threads so that the core
 * never waits. It calls the server's own verifyPassword, so it runs them as the server does: one per
 * core at a time, the fastest this core verifies (four at once on one core cost 35-50 % more each).
 * Reports per wall-second and per CPU-second of this process (all its threads).
 */
import { hashPassword, verifyPassword } from '../server/src/domain/credentials/password-hash.ts';
import { PARAMS, PASSWORD, type ParamsName } from './scenario.ts';

const params = PARAMS[(process.argv[2] ?? 'ours') as ParamsName];
const seconds = Number(process.argv[3] ?? 10);
const inFlight = 2 * Number(process.env.UV_THREADPOOL_SIZE ?? 4);
const hash = await hashPassword(PASSWORD, params);
for (let i = 0; i < 5; i++) await verifyPassword(hash, PASSWORD);
let done = 0;
const deadline = Date.now() + seconds * 1000;
const worker = async () => {
  while (Date.now() < deadline) {
    if (!(await verifyPassword(hash, PASSWORD))) throw new Error('verification failed');
    done++;
  }
};
const cpu0 = process.cpuUsage();
const start = Date.now();
await Promise.all(Array.from({ length: inFlight }, worker));
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const wall = (Date.now() - start) / 1000;
process.stdout.write(JSON.stringify({ perSecond: done / wall, perCpuSecond: done / cpuSeconds, coreBusy: cpuSeconds / wall }) + '\n');
