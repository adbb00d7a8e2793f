import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { checkPasswordResetInput, completePasswordResetInput, requestPasswordResetInput } from '../../../../contract/recovery.ts';
import { checkPasswordReset, completePasswordReset, requestPasswordReset } from '../../flows/recovery/reset-password.ts';
import { flowDeps, type HttpDeps } from '../deps.ts';
import { limit } from '../plugins/rate-limit.ts';

/**
 * Reset User Password. Tokens travel in JSON bodies, never in API URLs. A request is answered before
 * the account is looked up: the answer says and takes the same whether or not there is one.
 */
export async function passwordResetRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/auth/password-reset', { schema: { body: requestPasswordResetInput }, config: limit(20) }, async (req, res) => {
    const fd = flowDeps(deps, req);
    deps.afterReply.run(res, 'password reset request', () => requestPasswordReset(req.body, fd));
    return res.status(202).send({ message: 'If this address has an account, we sent a link to reset the password.' });
  });

  r.post('/api/auth/password-reset/check', { schema: { body: checkPasswordResetInput }, config: limit(60) }, async (req) =>
    checkPasswordReset(req.body, flowDeps(deps, req)),
  );

  r.post('/api/auth/password-reset/complete', { schema: { body: completePasswordResetInput }, config: limit(30) }, async (req, res) => {
    await completePasswordReset(req.body, flowDeps(deps, req));
    return res.status(204).send();
  });
}
