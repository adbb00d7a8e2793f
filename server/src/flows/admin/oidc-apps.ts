import { createOidcAppInput, updateOidcAppInput, type OidcApp } from '../../../../contract/oidc-apps.ts';
import { AppError } from '../../errors.ts';
import { createApp, findOrgApp, updateApp, appMfaPolicyOf, type AppRow } from '../../domain/apps/app-store.ts';
import { isConfidential, normalizeOidcSettings, oidcLaunchUrl, oidcSettingsOf, type StoredOidcSettings } from '../../domain/apps/oidc-client.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { hashToken, randomToken } from '../../domain/secrets/tokens.ts';
import type { Session } from '../../domain/sessions/session-store.ts';
import type { FlowDeps } from '../deps.ts';
import { requireRecentAuthentication } from '../account/require-recent-authentication.ts';
import type { AdminContext } from './manage-members.ts';

/** The administrator's session, absent for an API key (which has no sign-in to be recent). */
export type OidcAdminContext = AdminContext & { session?: Session };

export function describeOidcApp(app: AppRow, settings: StoredOidcSettings): OidcApp {
  const { secretHash, ...rest } = settings;
  return { id: app.id, name: app.name, description: app.description, details: app.details, icon: app.icon, clientId: app.id, hasSecret: !!secretHash, settings: rest, mfaPolicy: appMfaPolicyOf(app) };
}

async function requireOidcApp(deps: FlowDeps, orgId: string, appId: string): Promise<{ app: AppRow; settings: StoredOidcSettings }> {
  const app = await findOrgApp(deps.db, orgId, appId);
  const settings = app && oidcSettingsOf(app);
  if (!app || !settings) throw new AppError('app.not_found', 'No such OpenID Connect application.');
  return { app, settings };
}

/**
 * A new secret: 256 random bits, shown this once, stored as SHA-256 only. A client secret is a new
 * way in, like an API key: a person gets one only from a recent sign-in, not from a session left open.
 */
const newSecret = (admin: OidcAdminContext) => {
  if (admin.session) requireRecentAuthentication({ session: admin.session });
  const secret = `tcs_${randomToken()}`;
  return { secret, secretHash: hashToken(secret) };
};

/** Creates an OIDC application; a confidential one gets its client secret, returned only here. */
export async function createOidcApp(admin: OidcAdminContext, input: unknown, deps: FlowDeps): Promise<OidcApp & { clientSecret: string | null }> {
  const { name, description, details, mfaPolicy, ...raw } = createOidcAppInput.parse(input);
  const settings = normalizeOidcSettings(raw);
  const secret = isConfidential(settings.kind) ? newSecret(admin) : undefined;
  const stored: StoredOidcSettings = { ...settings, ...(secret ? { secretHash: secret.secretHash } : {}) };
  const app = await deps.db.transaction(async (tx) => {
    const created = await createApp(tx, admin.orgId, { type: 'oidc', name, description, details, url: oidcLaunchUrl(stored) ?? null, protocol: stored, mfaPolicy });
    await recordAudit(tx, { ...deps.ctx, actorUserId: admin.adminId }, { event: 'app.created', outcome: 'success', orgId: admin.orgId, details: { appId: created.id, name, type: 'oidc', kind: settings.kind } });
    return created;
  });
  return { ...describeOidcApp(app, stored), clientSecret: secret?.secret ?? null };
}

/**
 * Changes what the update names. The kind decides the secret: a public client (single-page,
 * native) has none, so switching to one drops it; switching to a web or machine application issues
 * a new one, returned this once, as at creation, so the application is never confidential without a way in.
 */
export async function updateOidcApp(admin: OidcAdminContext, appId: string, input: unknown, deps: FlowDeps): Promise<OidcApp & { clientSecret?: string }> {
  const { app, settings } = await requireOidcApp(deps, admin.orgId, appId);
  const { name, description, details, mfaPolicy, ...patch } = updateOidcAppInput.parse(input);
  const { secretHash, ...current } = settings;
  const next = normalizeOidcSettings({ ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as typeof current);
  const confidential = isConfidential(next.kind);
  const secret = confidential && !isConfidential(current.kind) ? newSecret(admin) : undefined;
  const keptHash = confidential ? (secret?.secretHash ?? secretHash) : undefined;
  const stored: StoredOidcSettings = { ...next, ...(keptHash ? { secretHash: keptHash } : {}) };
  const secretChange = secret ? 'issued' : secretHash && !confidential ? 'removed' : undefined;
  const updated = await deps.db.transaction(async (tx) => {
    const row = await updateApp(tx, admin.orgId, app.id, { ...(name ? { name } : {}), ...(description !== undefined ? { description } : {}), ...(details !== undefined ? { details } : {}), ...(mfaPolicy ? { mfaPolicy } : {}), protocol: stored, url: oidcLaunchUrl(stored) ?? null });
    await recordAudit(tx, { ...deps.ctx, actorUserId: admin.adminId }, { event: 'app.updated', outcome: 'success', orgId: admin.orgId, details: { appId: app.id, before: { ...current, mfaPolicy: app.mfaPolicy }, after: { ...next, mfaPolicy: row!.mfaPolicy }, ...(secretChange ? { secret: secretChange } : {}) } });
    return row!;
  });
  return { ...describeOidcApp(updated, stored), ...(secret ? { clientSecret: secret.secret } : {}) };
}

/** A new client secret; the old one stops working at once. */
export async function rotateOidcSecret(admin: OidcAdminContext, appId: string, deps: FlowDeps): Promise<{ clientSecret: string }> {
  const { app, settings } = await requireOidcApp(deps, admin.orgId, appId);
  if (!isConfidential(settings.kind)) throw new AppError('app.wrong_type', 'A single-page or native application has no client secret.');
  const secret = newSecret(admin);
  await deps.db.transaction(async (tx) => {
    await updateApp(tx, admin.orgId, app.id, { protocol: { ...settings, secretHash: secret.secretHash } });
    await recordAudit(tx, { ...deps.ctx, actorUserId: admin.adminId }, { event: 'app.secret_rotated', outcome: 'success', orgId: admin.orgId, details: { appId: app.id } });
  });
  return { clientSecret: secret.secret };
}

export async function getOidcApp(admin: AdminContext, appId: string, deps: FlowDeps): Promise<OidcApp> {
  const { app, settings } = await requireOidcApp(deps, admin.orgId, appId);
  return describeOidcApp(app, settings);
}
