/**
 * The reference: argon2id verifications per second on the same single core as the server
 * (run under `taskset -c 1`), with enough concurrency to keep that core busy.
 */
import { hashPassword, verifyPassword } from '../server/src/domain/credentials/password-hash.ts';
import { PARAMS, PASSWORD, type ParamsName } from './scenario.ts';

const params = PARAMS[(process.argv[2] ?? 'ours') as ParamsName];
const seconds = Number(process.argv[3] ?? 10);
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
const start = Date.now();
await Promise.all(Array.from({ length: 4 }, worker));
process.stdout.write(JSON.stringify({ perSecond: done / ((Date.now() - start) / 1000) }) + '\n');
