import type { FastifyInstance } from 'fastify';

export type RegisteredRoute = { method: string; url: string };

/**
 * Every route the app registered, one row per method, read back from Fastify's route tree
 * (`printRoutes`, where each line adds its segment to its parent's). The HEAD twin Fastify adds
 * to each GET is left out.
 */
export function listRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const path: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const node = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!node) continue;
    path.length = node[1].length / 4;
    path.push(node[2]);
    for (const method of node[3]?.split(', ') ?? []) if (method !== 'HEAD') routes.push({ method, url: path.join('') });
  }
  return routes;
}
