import { updateBookmarkAppInput, type BookmarkApp } from '../../../../contract/apps.ts';
import { AppError } from '../../errors.ts';
import { findOrgApp, updateApp, type AppRow } from '../../domain/apps/app-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import type { FlowDeps } from '../deps.ts';
import type { AdminContext } from './manage-members.ts';

export function describeBookmarkApp(app: AppRow): BookmarkApp {
  return { id: app.id, type: 'bookmark', name: app.name, url: app.url ?? '', description: app.description, details: app.details, icon: app.icon, createdAt: app.createdAt.toISOString() };
}

/** One of the organization's bookmarks, or 404 — another organization's, or an OIDC or SAML application. */
async function requireBookmarkApp(deps: FlowDeps, orgId: string, appId: string): Promise<AppRow> {
  const app = await findOrgApp(deps.db, orgId, appId);
  if (!app || app.type !== 'bookmark') throw new AppError('app.not_found', 'No such bookmark application.');
  return app;
}

export async function getBookmarkApp(admin: AdminContext, appId: string, deps: FlowDeps): Promise<BookmarkApp> {
  return describeBookmarkApp(await requireBookmarkApp(deps, admin.orgId, appId));
}

/** Changes a bookmark's name, URL or texts; old and new values audited in the same transaction. */
export async function updateBookmarkApp(admin: AdminContext, appId: string, input: unknown, deps: FlowDeps): Promise<BookmarkApp> {
  const patch = updateBookmarkAppInput.parse(input);
  const before = await requireBookmarkApp(deps, admin.orgId, appId);
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as typeof patch;
  const old = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof typeof changes]]));
  const updated = await deps.db.transaction(async (tx) => {
    const row = await updateApp(tx, admin.orgId, before.id, changes);
    if (!row) throw new AppError('app.not_found', 'No such bookmark application.');
    await recordAudit(tx, { ...deps.ctx, actorUserId: admin.adminId }, { event: 'app.updated', outcome: 'success', orgId: admin.orgId, details: { appId: row.id, type: 'bookmark', old, new: changes } });
    return row;
  });
  return describeBookmarkApp(updated);
}
