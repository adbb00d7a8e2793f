import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/open.ts';
import { appAssignments, apps } from '../../db/schema/index.ts';
import { revokeClientOidcPayloads } from '../oidc/oidc-payload-store.ts';
import type { AppRow } from './app-store.ts';
import { announceAppChanged } from './app-changes.ts';

/**
 * Deletes one of the organization's applications, whatever its type, inside the caller's
 * transaction: its assignments go first (counted for the audit row), then, for an OpenID Connect
 * client, every grant, code and token it holds — a deleted client must not keep working through
 * tokens already issued. Launch counts, consents and SAML request records follow the row (cascade).
 */
export async function deleteOrgApp(tx: Tx, orgId: string, appId: string): Promise<{ app: AppRow; assignments: number } | undefined> {
  // Locked first, so an assignment made at the same moment cannot outlive the application.
  const [app] = await tx.select().from(apps).where(and(eq(apps.orgId, orgId), eq(apps.id, appId))).for('update');
  if (!app) return undefined;
  const assignments = await tx.delete(appAssignments).where(eq(appAssignments.appId, app.id)).returning({ id: appAssignments.id });
  if (app.type === 'oidc') await revokeClientOidcPayloads(tx, app.id);
  await tx.delete(apps).where(eq(apps.id, app.id));
  announceAppChanged(app.id);
  return { app, assignments: assignments.length };
}
