import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';

/** Serves the built single-page app; every non-API GET that is not a file gets index.html. */
export async function webRoutes(app: FastifyInstance, distDir: string): Promise<void> {
  if (!existsSync(path.join(distDir, 'index.html'))) return;
  await app.register(fastifyStatic, { root: distDir, wildcard: false, index: false, cacheControl: false });
  app.setNotFoundHandler((req, reply) => {
    if (req.method !== 'GET' || req.url.startsWith('/api/') || req.url === '/healthz') {
      return reply.status(404).send({ error: { code: 'not_found', message: 'There is nothing here.' } });
    }
    return reply.type('text/html').sendFile('index.html');
  });
  app.addHook('onSend', async (req, reply) => {
    // Hashed asset names change with their content: cache them for good.
    if (req.url.startsWith('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
  });
}
