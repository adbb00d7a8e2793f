import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { stepUpInput } from '../../../../contract/mfa.ts';
import { stepUp, stepUpOptions, stepUpWebauthnOptions } from '../../flows/sso/step-up.ts';
import { flowDeps, type HttpDeps } from '../deps.ts';
import { requireSignedIn } from '../plugins/authenticate.ts';
import { setCookie } from '../plugins/cookies.ts';
import { limit } from '../plugins/rate-limit.ts';

/** Step-up: a second factor presented during the session, for an application that asks for one. */
export async function myStepUpRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = async (req: FastifyRequest) => {
    const { user, session } = await requireSignedIn(req, deps);
    return { me: { user, session }, deps: flowDeps(deps, req, user.id) };
  };

  r.get('/api/me/step-up', async (req) => {
    const m = await me(req);
    return stepUpOptions(m.me, m.deps);
  });

  r.post('/api/me/step-up/webauthn-options', { config: limit(30) }, async (req) => {
    const m = await me(req);
    return stepUpWebauthnOptions(m.me, m.deps);
  });

  r.post('/api/me/step-up', { schema: { body: stepUpInput }, config: limit(30) }, async (req, res) => {
    const m = await me(req);
    const raised = await stepUp(m.me, req.body, m.deps);
    setCookie(res, deps.config, 'session', raised.token, raised.maxAgeSeconds);
    return res.status(204).send();
  });
}
