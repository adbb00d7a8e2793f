import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';

/**
 * Per-IP limits on the unauthenticated doors, keyed by the socket address (or X-Forwarded-For only
 * behind TRUST_PROXY). With REDIS_URL the counters are shared by every Tessera process.
 */
export async function installRateLimit(app: FastifyInstance, redisUrl?: string): Promise<() => Promise<void>> {
  let redis: { quit(): Promise<unknown> } | undefined;
  if (redisUrl) {
    const { Redis } = await import('ioredis');
    redis = new Redis(redisUrl, { connectTimeout: 2000, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  }
  await app.register(rateLimit, { global: false, redis: redis as never, skipOnError: false, nameSpace: 'tessera-rl:' });
  return async () => void (await redis?.quit());
}

/** Route options: `config: limit(30)` = 30 requests per minute per client address. */
export const limit = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });
