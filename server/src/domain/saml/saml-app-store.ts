import { randomBytes } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/open.ts';
import { apps } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import type { MasterKey } from '../secrets/master-key.ts';
import { createApp, updateApp, type AppRow } from '../apps/app-store.ts';
import { samlSpSettingsSchema, type CreateSamlAppInput, type SamlApp, type UpdateSamlAppInput } from '../../../../contract/saml-apps.ts';
import type { AppMfaPolicy } from '../../../../contract/apps.ts';

/**
 * What `apps.protocol` holds for a SAML application: the SP's public settings, plus the sealed key
 * that derives its persistent NameIDs (never read back by any API).
 */
const storedSamlSchema = samlSpSettingsSchema.extend({ nameIdKeySealed: z.string() });
export type StoredSaml = z.infer<typeof storedSamlSchema>;

export const nameIdKeyContext = (orgId: string) => `saml-nameid:${orgId}`;

export function samlSettingsOf(app: AppRow): StoredSaml {
  if (app.type !== 'saml') throw new AppError('app.not_found', 'No such SAML application.');
  return storedSamlSchema.parse(app.protocol);
}

export const samlLaunchPath = (appId: string) => `/saml/apps/${appId}/launch`;

/** The admin API's view: settings without the NameID key. */
export function toSamlAppView(app: AppRow): SamlApp {
  const { nameIdKeySealed: _secret, ...settings } = samlSettingsOf(app);
  return {
    id: app.id,
    type: 'saml',
    name: app.name,
    description: app.description,
    details: app.details,
    icon: app.icon,
    mfaPolicy: app.mfaPolicy as AppMfaPolicy,
    createdAt: app.createdAt.toISOString(),
    ...settings,
    launchPath: samlLaunchPath(app.id),
  };
}

/** The SP whose entity ID this is, in this organization only (entity IDs are unique per organization). */
export async function findSamlAppByEntityId(db: Queryable, orgId: string, entityId: string): Promise<AppRow | undefined> {
  const [row] = await db
    .select()
    .from(apps)
    .where(and(eq(apps.orgId, orgId), eq(apps.type, 'saml'), sql`${apps.protocol}->>'entityId' = ${entityId}`))
    .limit(1);
  return row;
}

/**
 * No unique index can cover a jsonb field without a migration, so writers of one organization's
 * SAML apps are serialised by a transaction-scoped advisory lock and check before they write.
 */
async function lockAndCheckEntityId(tx: Queryable, orgId: string, entityId: string, exceptAppId?: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`tessera.saml-entity:${orgId}`}))`);
  const [taken] = await tx
    .select({ id: apps.id })
    .from(apps)
    .where(and(eq(apps.orgId, orgId), eq(apps.type, 'saml'), sql`${apps.protocol}->>'entityId' = ${entityId}`, exceptAppId ? ne(apps.id, exceptAppId) : undefined))
    .limit(1);
  if (taken) throw new AppError('saml.entity_id_taken', 'Another application of this organization already uses this entity ID.');
}

export async function createSamlApp(db: Db, masterKey: MasterKey, orgId: string, input: CreateSamlAppInput): Promise<AppRow> {
  const { name, description, details, mfaPolicy, ...settings } = input;
  const stored: StoredSaml = { ...settings, nameIdKeySealed: masterKey.encrypt(randomBytes(32).toString('base64url'), nameIdKeyContext(orgId)) };
  return db.transaction(async (tx) => {
    await lockAndCheckEntityId(tx, orgId, settings.entityId);
    return createApp(tx, orgId, { type: 'saml', name, description, details, mfaPolicy, url: null, protocol: stored });
  });
}

/** Merges the change into the stored settings; the NameID key never changes (persistent IDs stay stable). */
export async function updateSamlApp(db: Db, orgId: string, app: AppRow, patch: UpdateSamlAppInput): Promise<AppRow> {
  const { name, description, details, mfaPolicy, ...settingsPatch } = patch;
  const current = samlSettingsOf(app);
  // ACS URLs changed by hand: the metadata's indexes no longer describe them (the same list sent back keeps them).
  const urlsChanged = settingsPatch.acsUrls !== undefined && settingsPatch.acsUrls.join('\n') !== current.acsUrls.join('\n');
  const base = urlsChanged ? { ...current, acsIndexes: undefined } : current;
  const merged = storedSamlSchema.parse({ ...base, ...Object.fromEntries(Object.entries(settingsPatch).filter(([, v]) => v !== undefined)) });
  if (merged.signsRequests && !merged.spCertificate) throw new AppError('request.invalid', 'spCertificate: is required when the SP signs its requests');
  return db.transaction(async (tx) => {
    if (merged.entityId !== current.entityId) await lockAndCheckEntityId(tx, orgId, merged.entityId, app.id);
    const row = await updateApp(tx, orgId, app.id, {
      ...(name !== undefined ? { name } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(details !== undefined ? { details } : {}),
      ...(mfaPolicy !== undefined ? { mfaPolicy } : {}),
      protocol: merged,
    });
    if (!row) throw new AppError('app.not_found', 'No such application.');
    return row;
  });
}
