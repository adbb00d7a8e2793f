import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { checkSetupInput, completeSetupInput } from '../../../../contract/setup.ts';
import { checkSetup, completeSetup } from '../../flows/setup/complete-setup.ts';
import { flowDeps, type HttpDeps } from '../deps.ts';
import { setCookie } from '../plugins/cookies.ts';
import { limit } from '../plugins/rate-limit.ts';

/** The one-time setup link printed at first start. */
export async function setupRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/setup/check', { schema: { body: checkSetupInput }, config: limit(30) }, async (req, res) => {
    await checkSetup(req.body, flowDeps(deps, req));
    return res.status(204).send();
  });

  r.post('/api/setup', { schema: { body: completeSetupInput }, config: limit(10) }, async (req, res) => {
    const { redirectTo, session } = await completeSetup(req.body, flowDeps(deps, req));
    setCookie(res, deps.config, 'session', session.token, session.maxAgeSeconds);
    return { redirectTo };
  });
}
