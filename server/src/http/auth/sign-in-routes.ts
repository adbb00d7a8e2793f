import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { newPasswordStepInput, organizationStepInput, passwordStepInput, startSignInInput } from '../../../../contract/sign-in.ts';
import { answerSignInStep, cancelSignIn, currentSignInStep, startSignIn, type SignInAnswer } from '../../flows/sign-in/index.ts';
import { mfaSetupStepInput, recoveryCodesAckInput, verifyStepInput } from '../../../../contract/mfa.ts';
import { signInWebauthnOptions } from '../../flows/sign-in/webauthn-challenge.ts';
import { finishPasskeyInput, finishPasskeySignIn, startPasskeyInput, startPasskeySignIn } from '../../flows/sign-in/passkey.ts';
import { flowDeps, type HttpDeps } from '../deps.ts';
import { clearCookie, readCookie, setCookie } from '../plugins/cookies.ts';
import { limit } from '../plugins/rate-limit.ts';

/** The User Login / Administrator Portal Login journey. The page renders whatever step comes back. */
export async function signInRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const reply = (res: FastifyReply, answer: SignInAnswer) => {
    if (answer.flowToken) setCookie(res, deps.config, 'flow', answer.flowToken);
    if (answer.flowToken === null) clearCookie(res, deps.config, 'flow');
    // A new session id at sign-in: a cookie planted before sign-in is never promoted.
    if (answer.session) setCookie(res, deps.config, 'session', answer.session.token, answer.session.maxAgeSeconds);
    return answer.step;
  };

  r.post('/api/auth/sign-in', { schema: { body: startSignInInput }, config: limit(60) }, async (req, res) =>
    reply(res, await startSignIn(req.body, flowDeps(deps, req))),
  );

  r.get('/api/auth/sign-in', async (req) => currentSignInStep(readCookie(req, deps.config, 'flow'), flowDeps(deps, req)));

  r.delete('/api/auth/sign-in', async (req, res) => {
    await cancelSignIn(readCookie(req, deps.config, 'flow'), flowDeps(deps, req));
    clearCookie(res, deps.config, 'flow');
    return res.status(204).send();
  });

  const steps = [
    ['password', passwordStepInput],
    ['organization', organizationStepInput],
    ['verify', verifyStepInput],
    ['mfa-setup', mfaSetupStepInput],
    ['recovery-codes', recoveryCodesAckInput],
    ['new-password', newPasswordStepInput],
  ] as const;
  for (const [name, schema] of steps) {
    r.post(`/api/auth/sign-in/${name}`, { schema: { body: schema }, config: limit(60) }, async (req, res) =>
      reply(res, await answerSignInStep(readCookie(req, deps.config, 'flow'), name, req.body, flowDeps(deps, req))),
    );
  }

  r.post('/api/auth/sign-in/webauthn-options', { config: limit(60) }, async (req) => signInWebauthnOptions(readCookie(req, deps.config, 'flow'), flowDeps(deps, req)));

  r.post('/api/auth/passkey/options', { schema: { body: startPasskeyInput }, config: limit(60) }, async (req, res) => {
    const { options, flowToken } = await startPasskeySignIn(req.body, flowDeps(deps, req));
    setCookie(res, deps.config, 'flow', flowToken);
    return options;
  });

  r.post('/api/auth/passkey', { schema: { body: finishPasskeyInput }, config: limit(60) }, async (req, res) =>
    reply(res, await finishPasskeySignIn(readCookie(req, deps.config, 'flow'), req.body, flowDeps(deps, req))),
  );
}
