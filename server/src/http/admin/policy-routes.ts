import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { findOrgById, updateOrgPolicies } from '../../domain/orgs/org-store.ts';
import { orgPoliciesPatchSchema, orgPoliciesSchema } from '../../../../contract/org-policies.ts';
import { mergeOrgPolicies } from '../../domain/policies/org-policies.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { requestContext, type HttpDeps } from '../deps.ts';
import { requireAdmin } from '../plugins/authenticate.ts';

/** Policies of the administrator's organization: they take effect on the next request that reads them. */
export async function adminPolicyRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/admin/policies', { schema: { response: { 200: orgPoliciesSchema } } }, async (req) => {
    const { orgId } = await requireAdmin(req, deps);
    return (await findOrgById(deps.db, orgId))!.policies;
  });

  /** A change names only what changes: `{ password: { minLength: 20 } }` keeps the rest of the password policy. */
  r.post('/api/admin/policies', { schema: { body: orgPoliciesPatchSchema } }, async (req) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    const before = (await findOrgById(deps.db, orgId))!.policies;
    const after = mergeOrgPolicies(before, req.body);
    await deps.db.transaction(async (tx) => {
      await updateOrgPolicies(tx, orgId, after);
      await recordAudit(tx, requestContext(req, actorId), { event: 'policies.updated', outcome: 'success', orgId: orgId, details: { old: before, new: after } });
    });
    return after;
  });
}
