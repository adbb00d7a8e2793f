import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { confirmRecoveryEmailInput, profileSectionSchema, setRecoveryEmailInput } from '../../../../contract/profile.ts';
import { setLanguageInput } from '../../../../contract/language.ts';
import { confirmRecoveryEmail, getMyProfile, removeRecoveryEmail, requestRecoveryEmail, updateMyProfile } from '../../flows/profile/my-profile.ts';
import { setMyLanguage } from '../../flows/profile/my-language.ts';
import { flowDeps, type HttpDeps } from '../deps.ts';
import { requireSignedIn } from '../plugins/authenticate.ts';
import { limit } from '../plugins/rate-limit.ts';

/** Profile: Profile Details, Personal Information, Employment Information, Recovery Email; the account's language. */
export async function myProfileRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/me/profile', async (req) => {
    const { user, session } = await requireSignedIn(req, deps);
    return getMyProfile({ user, session }, flowDeps(deps, req, user.id));
  });

  r.post('/api/me/profile/:section', { schema: { params: z.object({ section: profileSectionSchema }) } }, async (req) => {
    const { user, session } = await requireSignedIn(req, deps);
    return updateMyProfile({ user, session }, req.params.section, req.body, flowDeps(deps, req, user.id));
  });

  r.post('/api/me/language', { schema: { body: setLanguageInput } }, async (req, res) => {
    const { user, session } = await requireSignedIn(req, deps);
    await setMyLanguage({ user, session }, req.body, flowDeps(deps, req, user.id));
    return res.status(204).send();
  });

  r.post('/api/me/recovery-email', { schema: { body: setRecoveryEmailInput }, config: limit(10) }, async (req, res) => {
    const { user, session } = await requireSignedIn(req, deps);
    await requestRecoveryEmail({ user, session }, req.body, flowDeps(deps, req, user.id));
    return res.status(202).send();
  });

  r.delete('/api/me/recovery-email', { config: limit(10) }, async (req, res) => {
    const { user, session } = await requireSignedIn(req, deps);
    await removeRecoveryEmail({ user, session }, flowDeps(deps, req, user.id));
    return res.status(204).send();
  });

  r.post('/api/auth/recovery-email/confirm', { schema: { body: confirmRecoveryEmailInput }, config: limit(30) }, async (req) =>
    confirmRecoveryEmail(req.body, flowDeps(deps, req)),
  );
}
