import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import { createSlots } from './argon2-slots.ts';

// @node-rs/argon2's Algorithm is an ambient const enum; 2 is Argon2id.
const ARGON2ID = 2;

export type Argon2Params = { memoryCost: number; timeCost: number; parallelism: number };

/** OWASP's argon2id recommendation (m=19 MiB, t=2, p=1). */
export const defaultArgon2Params: Argon2Params = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

/**
 * At most one argon2 per core. Each holds 19 MiB: more of them than cores, time-sliced on one core,
 * evict each other's memory, and a verification costs 35-50 % more CPU (4 pool threads on one core:
 * 6.4-7.2 ms instead of 4.8). Waiting in order, latency grows no more than throughput falls.
 */
const oneAtATimePerCore = createSlots(availableParallelism());

/** Runs on libuv's thread pool, never on the event loop. */
export function hashPassword(password: string, params: Argon2Params = defaultArgon2Params): Promise<string> {
  return oneAtATimePerCore(() => hash(password, { algorithm: ARGON2ID, ...params }));
}

export async function verifyPassword(encoded: string, password: string): Promise<boolean> {
  try {
    return await oneAtATimePerCore(() => verify(encoded, password));
  } catch {
    return false;
  }
}

/** True when the stored hash was made with other parameters than today's: rehash it at sign-in. */
export function needsRehash(encoded: string, params: Argon2Params = defaultArgon2Params): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(encoded);
  if (!m) return true;
  return Number(m[1]) !== params.memoryCost || Number(m[2]) !== params.timeCost || Number(m[3]) !== params.parallelism;
}

let dummy: Promise<string> | undefined;
/** A real hash of a random password: unknown users cost the same verification as known ones. */
export function dummyHash(params: Argon2Params = defaultArgon2Params): Promise<string> {
  dummy ??= hashPassword(crypto.randomUUID(), params);
  return dummy;
}
