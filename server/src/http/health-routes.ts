import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from './deps.ts';

/** 200 once the database answers (migrations ran before listening); 503 otherwise. */
export async function healthRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  app.get('/healthz', async (_req, reply) => {
    try {
      await deps.ping();
      return reply.send({ status: 'ok' });
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
}
