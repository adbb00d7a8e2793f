import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, fieldRefusal } from '../../errors.ts';
import { findOrgApp } from '../../domain/apps/app-store.ts';
import { findOrgById } from '../../domain/orgs/org-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { ensureSamlIdpKey } from '../../domain/saml/idp-key-store.ts';
import { createSamlApp, toSamlAppView, updateSamlApp } from '../../domain/saml/saml-app-store.ts';
import { createSamlAppInput, importSamlAppInput, samlAppSchema, samlIdpInfoSchema, samlSpSettingsSchema, updateSamlAppInput } from '../../../../contract/saml-apps.ts';
import { TEXT_MESSAGES } from '../../../../contract/fields.ts';
import { normalizeCertificate, readSpMetadata } from '../../protocols/saml/read-sp-metadata.ts';
import { loadSpMetadata, SP_METADATA_MAX_BYTES } from '../../protocols/saml/load-sp-metadata.ts';
import { idpUrls } from '../../protocols/saml/saml-entities.ts';
import { requestContext, type HttpDeps } from '../deps.ts';
import { requireAdmin } from '../plugins/authenticate.ts';

const idParams = z.object({ id: z.uuid() });

/** SAML service providers of the administrator's organization; another organization's answer 404. */
export async function adminSamlAppRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function samlAppOf(orgId: string, id: string) {
    const row = await findOrgApp(deps.db, orgId, id);
    if (!row || row.type !== 'saml') throw new AppError('app.not_found', 'No such SAML application.');
    return row;
  }
  // Typed in the form's certificate field, so refused at that field (not as unreadable metadata).
  const withCertificate = <T extends { spCertificate?: string | null }>(v: T): T => {
    if (!v.spCertificate) return v;
    try {
      return { ...v, spCertificate: normalizeCertificate(v.spCertificate) };
    } catch {
      throw fieldRefusal('spCertificate', TEXT_MESSAGES.certificate);
    }
  };

  r.get('/api/admin/apps/saml/idp', { schema: { response: { 200: samlIdpInfoSchema } } }, async (req) => {
    const { orgId } = await requireAdmin(req, deps);
    const org = await findOrgById(deps.db, orgId);
    if (!org) throw new AppError('org.not_found', 'No such organization.');
    const key = await ensureSamlIdpKey(deps.db, deps.masterKey, orgId);
    const { entityId, metadataUrl, ssoUrl, sloUrl } = idpUrls(deps.config.publicUrl, org.slug);
    return { entityId, metadataUrl, ssoUrl, sloUrl, certificate: key.certificatePem };
  });

  r.post('/api/admin/apps/saml', { schema: { body: createSamlAppInput, response: { 201: samlAppSchema } } }, async (req, reply) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    const created = await createSamlApp(deps.db, deps.masterKey, orgId, withCertificate(req.body));
    await recordAudit(deps.db, requestContext(req, actorId), { event: 'app.created', outcome: 'success', orgId, details: { appId: created.id, type: 'saml', name: created.name, entityId: req.body.entityId } });
    return reply.status(201).send(toSamlAppView(created));
  });

  r.post('/api/admin/apps/saml/import', { bodyLimit: SP_METADATA_MAX_BYTES, schema: { body: importSamlAppInput, response: { 201: samlAppSchema } } }, async (req, reply) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    const { metadataXml, metadataUrl, nameIdFormat, wantResponseSigned, attributes, ...fields } = req.body;
    const fromMetadata = readSpMetadata(await loadSpMetadata({ metadataXml, metadataUrl }, { allow: deps.config.outboundAllow }));
    const settings = samlSpSettingsSchema.safeParse({ ...fromMetadata, attributes, ...(nameIdFormat ? { nameIdFormat } : {}), ...(wantResponseSigned !== undefined ? { wantResponseSigned } : {}) });
    if (!settings.success) throw new AppError('saml.metadata_invalid', `The metadata holds values that are not accepted: ${settings.error.issues.map((i) => i.path.join('.')).join(', ')}.`);
    const created = await createSamlApp(deps.db, deps.masterKey, orgId, { ...fields, ...settings.data });
    await recordAudit(deps.db, requestContext(req, actorId), { event: 'app.created', outcome: 'success', orgId, details: { appId: created.id, type: 'saml', name: created.name, entityId: settings.data.entityId, from: metadataUrl ?? 'metadata' } });
    return reply.status(201).send(toSamlAppView(created));
  });

  r.get('/api/admin/apps/saml/:id', { schema: { params: idParams, response: { 200: samlAppSchema } } }, async (req) => {
    const { orgId } = await requireAdmin(req, deps);
    return toSamlAppView(await samlAppOf(orgId, req.params.id));
  });

  r.post('/api/admin/apps/saml/:id', { schema: { params: idParams, body: updateSamlAppInput, response: { 200: samlAppSchema } } }, async (req) => {
    const { orgId, actorId } = await requireAdmin(req, deps);
    const updated = await updateSamlApp(deps.db, orgId, await samlAppOf(orgId, req.params.id), withCertificate(req.body));
    await recordAudit(deps.db, requestContext(req, actorId), { event: 'app.updated', outcome: 'success', orgId, details: { appId: updated.id, type: 'saml', changed: Object.keys(req.body) } });
    return toSamlAppView(updated);
  });
}
