import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { acceptInvitationInput, checkInvitationInput } from '../../../../contract/invitations.ts';
import { acceptInvitation, checkInvitation } from '../../flows/invitation/accept-invitation.ts';
import { flowDeps, type HttpDeps } from '../deps.ts';
import { findSignedIn } from '../plugins/authenticate.ts';
import { setCookie } from '../plugins/cookies.ts';
import { limit } from '../plugins/rate-limit.ts';

/** The invitee's side: see the invitation, create the account (or join with the existing one). */
export async function invitationRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/auth/invitations/check', { schema: { body: checkInvitationInput }, config: limit(60) }, async (req) =>
    checkInvitation(req.body, flowDeps(deps, req)),
  );

  r.post('/api/auth/invitations/accept', { schema: { body: acceptInvitationInput }, config: limit(30) }, async (req, res) => {
    const signedIn = await findSignedIn(req, deps);
    const result = await acceptInvitation(req.body, signedIn?.session, flowDeps(deps, req, signedIn?.user.id));
    if (result.session) setCookie(res, deps.config, 'session', result.session.token, result.session.maxAgeSeconds);
    return { redirectTo: result.redirectTo };
  });
}
