import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { nameField } from '../../../../contract/fields.ts';
import { apiKeyPageSchema, listApiKeysQuery, type ApiKey } from '../../../../contract/admin-lists.ts';
import { AppError } from '../../errors.ts';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyRow } from '../../domain/api-keys/api-key-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { requestContext, type HttpDeps } from '../deps.ts';
import { requireAdmin, requireSignedIn } from '../plugins/authenticate.ts';
import { requireRecentAuthentication } from '../../flows/account/require-recent-authentication.ts';

const present = (k: ApiKeyRow): ApiKey => ({ id: k.id, name: k.name, prefix: k.prefix, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null, revoked: k.revokedAt !== null });

/** API keys are managed by people in the console only: a key cannot mint or revoke keys. */
export async function adminApiKeyRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const person = async (req: Parameters<typeof requireAdmin>[0], opts: { recent?: boolean } = {}) => {
    if (req.headers.authorization) {
      // Refused, but audited like every other use of a key (requireAdmin records it): a leaked key
      // trying to mint or revoke keys must show in the log.
      await requireAdmin(req, deps);
      throw new AppError('auth.forbidden', 'API keys are managed from the Admin Portal.');
    }
    const signedIn = await requireSignedIn(req, deps);
    const admin = await requireAdmin(req, deps);
    // A new key is a new way in: only from a recent sign-in.
    if (opts.recent) requireRecentAuthentication(signedIn);
    return admin;
  };

  r.get('/api/admin/api-keys', { schema: { querystring: listApiKeysQuery, response: { 200: apiKeyPageSchema } } }, async (req) => {
    const { orgId } = await person(req);
    const page = await listApiKeys(deps.db, orgId, req.query);
    return { ...page, items: page.items.map(present) };
  });

  r.post('/api/admin/api-keys', { schema: { body: z.object({ name: nameField.min(1) }) } }, async (req, res) => {
    const { orgId, actorId } = await person(req, { recent: true });
    const { key, row } = await createApiKey(deps.db, orgId, req.body.name, actorId);
    await recordAudit(deps.db, requestContext(req, actorId), { event: 'api_key.created', outcome: 'success', orgId, details: { apiKeyId: row.id, name: row.name } });
    return res.status(201).send({ ...present(row), key });
  });

  r.delete('/api/admin/api-keys/:id', { schema: { params: z.object({ id: z.uuid() }) } }, async (req, res) => {
    const { orgId, actorId } = await person(req);
    if (!(await revokeApiKey(deps.db, orgId, req.params.id))) throw new AppError('token.invalid', 'No such API key.', { status: 404 });
    await recordAudit(deps.db, requestContext(req, actorId), { event: 'api_key.revoked', outcome: 'success', orgId, details: { apiKeyId: req.params.id } });
    return res.status(204).send();
  });
}
