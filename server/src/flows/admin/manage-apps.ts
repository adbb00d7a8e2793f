import { setAppIconInput, type AppAssignment } from '../../../../contract/apps.ts';
import { AppError } from '../../errors.ts';
import { findOrgApp, updateApp, type AppRow } from '../../domain/apps/app-store.ts';
import { listAppAssignments, removeAppAssignment, type AssignmentTarget } from '../../domain/apps/app-assignments.ts';
import { deleteOrgApp } from '../../domain/apps/delete-app.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import type { FlowDeps } from '../deps.ts';
import type { AdminContext } from './manage-members.ts';

/** Any of the organization's applications (bookmark, OIDC, SAML), or 404. */
async function requireOrgApp(deps: FlowDeps, orgId: string, appId: string): Promise<AppRow> {
  const app = await findOrgApp(deps.db, orgId, appId);
  if (!app) throw new AppError('app.not_found', 'No such application.');
  return app;
}

export async function getAppAssignments(admin: AdminContext, appId: string, deps: FlowDeps): Promise<AppAssignment[]> {
  const app = await requireOrgApp(deps, admin.orgId, appId);
  return listAppAssignments(deps.db, app.id);
}

/** Takes the application away from one person or one group (404 when it was not assigned to them). */
export async function unassignApp(admin: AdminContext, appId: string, target: AssignmentTarget, deps: FlowDeps): Promise<void> {
  const app = await requireOrgApp(deps, admin.orgId, appId);
  await deps.db.transaction(async (tx) => {
    if (!(await removeAppAssignment(tx, app.id, target))) throw new AppError('app.not_found', 'The application is not assigned to them.');
    await recordAudit(tx, { ...deps.ctx, actorUserId: admin.adminId }, {
      event: 'app.unassigned',
      outcome: 'success',
      orgId: admin.orgId,
      targetUserId: 'userId' in target ? target.userId : null,
      details: { appId: app.id, ...target },
    });
  });
}

/** Deletes an application of any type with its assignments (and an OIDC client's tokens), audited, in one transaction. */
export async function deleteApp(admin: AdminContext, appId: string, deps: FlowDeps): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const deleted = await deleteOrgApp(tx, admin.orgId, appId);
    if (!deleted) throw new AppError('app.not_found', 'No such application.');
    const { app, assignments } = deleted;
    await recordAudit(tx, { ...deps.ctx, actorUserId: admin.adminId }, { event: 'app.deleted', outcome: 'success', orgId: admin.orgId, details: { appId: app.id, name: app.name, type: app.type, assignments } });
  });
}

/**
 * The image on the application's tile (and its consent question), for any type of application.
 * The audit row says whether there is one; it never copies the image (up to 200 kB).
 */
export async function setAppIcon(admin: AdminContext, appId: string, input: unknown, deps: FlowDeps): Promise<{ icon: string | null }> {
  const { icon } = setAppIconInput.parse(input);
  const app = await requireOrgApp(deps, admin.orgId, appId);
  const summary = (v: string | null) => (v === null ? null : 'image');
  await deps.db.transaction(async (tx) => {
    await updateApp(tx, admin.orgId, app.id, { icon });
    await recordAudit(tx, { ...deps.ctx, actorUserId: admin.adminId }, { event: 'app.updated', outcome: 'success', orgId: admin.orgId, details: { appId: app.id, type: app.type, old: { icon: summary(app.icon) }, new: { icon: summary(icon) } } });
  });
  return { icon };
}
