import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addSshKeyInput, type SshKey } from '../../../../contract/ssh-keys.ts';
import { AppError } from '../../errors.ts';
import { parsePublicKey } from '../../domain/ssh-keys/parse-public-key.ts';
import { addSshKey, deleteSshKey, listSshKeys, type SshKeyRow } from '../../domain/ssh-keys/ssh-key-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { requestContext, type HttpDeps } from '../deps.ts';
import { requireSignedIn } from '../plugins/authenticate.ts';

const present = (k: SshKeyRow): SshKey => ({ id: k.id, name: k.name, type: k.type, bits: k.bits, fingerprint: k.fingerprint, comment: k.comment, createdAt: k.createdAt.toISOString() });

/** Security → SSH Keys, for the signed-in person's own keys only. */
export async function mySshKeyRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/me/ssh-keys', async (req) => {
    const { user } = await requireSignedIn(req, deps);
    return { items: (await listSshKeys(deps.db, user.id)).map(present) };
  });

  r.post('/api/me/ssh-keys', { schema: { body: addSshKeyInput } }, async (req, res) => {
    const { user, session } = await requireSignedIn(req, deps);
    const parsed = parsePublicKey(req.body.publicKey);
    const row = await addSshKey(deps.db, user.id, req.body.name, parsed);
    await recordAudit(deps.db, requestContext(req, user.id), { event: 'ssh_key.added', outcome: 'success', orgId: session.orgId, targetUserId: user.id, details: { fingerprint: row.fingerprint } });
    return res.status(201).send(present(row));
  });

  r.delete('/api/me/ssh-keys/:id', { schema: { params: z.object({ id: z.uuid() }) } }, async (req, res) => {
    const { user, session } = await requireSignedIn(req, deps);
    if (!(await deleteSshKey(deps.db, user.id, req.params.id))) throw new AppError('ssh_key.not_found', 'No such key.');
    await recordAudit(deps.db, requestContext(req, user.id), { event: 'ssh_key.removed', outcome: 'success', orgId: session.orgId, targetUserId: user.id });
    return res.status(204).send();
  });
}
