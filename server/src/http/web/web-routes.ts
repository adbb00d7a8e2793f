import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';

/**
 * Serves the built single-page app. Returns how to answer a page path that is not a file (the
 * app's index.html, which routes on the client), or undefined when there is no build.
 */
export async function webRoutes(app: FastifyInstance, distDir: string): Promise<((reply: FastifyReply) => unknown) | undefined> {
  if (!existsSync(path.join(distDir, 'index.html'))) return undefined;
  await app.register(fastifyStatic, { root: distDir, wildcard: false, index: false, cacheControl: false, globIgnore: ['assets/**'] });
  // Looked up per request, not listed at start: after a rebuild, index.html (read per request)
  // names new hashed files, which must be served, not answered with the page.
  await app.register(fastifyStatic, { root: path.join(distDir, 'assets'), prefix: '/assets/', decorateReply: false, index: false, cacheControl: false });
  app.addHook('onSend', async (req, reply) => {
    // Hashed asset names change with their content: cache them for good.
    if (req.url.startsWith('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
  });
  return (reply) => reply.type('text/html').sendFile('index.html');
}
