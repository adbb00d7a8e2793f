import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { hashToken, safeEqual } from '../../domain/secrets/tokens.ts';
import { runAddOrgCommand, runAddUserCommand, runResetMfaCommand, runRotateKeysCommand, runSetupCommand } from '../../flows/provisioning/commands.ts';
import { flowDeps, type HttpDeps } from '../deps.ts';

/**
 * The CLI's way in while the server holds the embedded database: a credential written to
 * DATA_DIR (readable by its owner alone), accepted from loopback only.
 */
export async function localRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  if (!deps.localTokenHash) return;
  const expected = deps.localTokenHash;

  const authorize = (req: FastifyRequest) => {
    const loopback = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '');
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (!loopback || !safeEqual(hashToken(given), expected)) throw new AppError('auth.forbidden', 'Local credential required.');
  };

  const commands = { setup: runSetupCommand, 'org-add': runAddOrgCommand, 'user-add': runAddUserCommand, 'user-reset-mfa': runResetMfaCommand, 'keys-rotate': runRotateKeysCommand } as const;
  for (const [name, run] of Object.entries(commands)) {
    app.post(`/api/local/${name}`, async (req) => {
      authorize(req);
      return run(req.body, flowDeps(deps, req));
    });
  }
}
