import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { confirmTotpInput, registerWebauthnInput, renameFactorInput } from '../../../../contract/mfa.ts';
import { tokenField } from '../../../../contract/fields.ts';
import {
  beginTotpSetup,
  beginWebauthnSetup,
  describeMyMfa,
  finishTotpSetup,
  finishWebauthnSetup,
  regenerateMyRecoveryCodes,
  removeMyFactor,
  renameMyFactor,
} from '../../flows/mfa/manage-factors.ts';
import { flowDeps, type HttpDeps } from '../deps.ts';
import { requireSignedIn } from '../plugins/authenticate.ts';

const idParams = z.object({ id: z.uuid() });

/** The signed-in person's own factors (Security → Multi-Factor Authentication). */
export async function myMfaRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = async (req: FastifyRequest) => {
    const { user, session } = await requireSignedIn(req, deps);
    return { me: { user, session }, deps: flowDeps(deps, req, user.id) };
  };

  r.get('/api/me/mfa', async (req) => {
    const m = await me(req);
    return describeMyMfa(m.me, m.deps);
  });
  r.post('/api/me/mfa/totp', async (req) => {
    const m = await me(req);
    return beginTotpSetup(m.me, m.deps);
  });
  r.post('/api/me/mfa/totp/confirm', { schema: { body: confirmTotpInput } }, async (req) => {
    const m = await me(req);
    return finishTotpSetup(m.me, req.body, m.deps);
  });
  r.post('/api/me/mfa/webauthn/options', async (req) => {
    const m = await me(req);
    return beginWebauthnSetup(m.me, m.deps);
  });
  r.post('/api/me/mfa/webauthn', { schema: { body: registerWebauthnInput.extend({ challengeId: tokenField }) } }, async (req, res) => {
    const m = await me(req);
    return res.status(201).send(await finishWebauthnSetup(m.me, req.body, req.body.challengeId, m.deps));
  });
  r.post('/api/me/mfa/factors/:id/name', { schema: { params: idParams, body: renameFactorInput } }, async (req, res) => {
    const m = await me(req);
    await renameMyFactor(m.me, req.params.id, req.body, m.deps);
    return res.status(204).send();
  });
  r.delete('/api/me/mfa/factors/:id', { schema: { params: idParams } }, async (req, res) => {
    const m = await me(req);
    await removeMyFactor(m.me, req.params.id, m.deps);
    return res.status(204).send();
  });
  r.post('/api/me/mfa/recovery-codes', async (req) => {
    const m = await me(req);
    return regenerateMyRecoveryCodes(m.me, m.deps);
  });
}
