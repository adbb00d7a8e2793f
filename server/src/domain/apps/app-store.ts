import { announceAppChanged } from './app-changes.ts';
import { and, eq, sql, type Placeholder, type SQLWrapper } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { keyset } from '../../db/keyset.ts';
import { foldedContains } from '../../db/like-pattern.ts';
import { appSorts, type ListAppsQuery } from '../../../../contract/admin-lists.ts';
import type { Page } from '../../../../contract/list-query.ts';
import { appAssignments, appUsage, apps, groupMembers, memberships } from '../../db/schema/index.ts';
import { param, prepared } from '../../db/prepared.ts';
import { appMfaPolicySchema, type AppMfaPolicy } from '../../../../contract/apps.ts';
import { matchesSearch } from '../../../../contract/matches-search.ts';
import { AppError } from '../../errors.ts';
import { isUniqueViolation } from '../users/user-store.ts';
import { nameOrder } from '../../db/name-order.ts';

export type AppRow = typeof apps.$inferSelect;
export type AssignedApp = AppRow & { launches: number };

/** The application is assigned to the person: directly, or through one of their groups. */
export const assignmentExists = (appId: SQLWrapper, userId: Placeholder | string) => sql`exists (select 1 from ${appAssignments} a where a.app_id = ${appId}
      and (a.user_id = ${userId} or a.group_id in (select gm.group_id from ${groupMembers} gm where gm.user_id = ${userId})))`;

/** The user's applications in one organization: assigned directly or through one of their groups. */
function assignedTo(orgId: string, userId: string) {
  return and(eq(apps.orgId, orgId), assignmentExists(apps.id, userId));
}

/**
 * The user's applications in one organization, those whose name or description holds `search`
 * whatever its case and accents, as the page filters them ("equipe" finds "Calendrier équipe"). Filtered
 * here with the page's own matchesSearch rather than in SQL, so the two cannot disagree; one person's
 * applications are few.
 */
export async function listAssignedApps(db: Queryable, orgId: string, userId: string, search = ''): Promise<AssignedApp[]> {
  const rows = await db
    .select({ app: apps, launches: sql<number>`coalesce(${appUsage.launches}, 0)::int` })
    .from(apps)
    .leftJoin(appUsage, and(eq(appUsage.appId, apps.id), eq(appUsage.userId, userId)))
    .where(assignedTo(orgId, userId))
    .orderBy(nameOrder(apps.name));
  return rows.filter((r) => matchesSearch(search, r.app.name, r.app.description)).map((r) => ({ ...r.app, launches: r.launches }));
}

export async function findAssignedApp(db: Queryable, orgId: string, userId: string, appId: string): Promise<AppRow | undefined> {
  const [row] = await db.select().from(apps).where(and(eq(apps.id, appId), assignedTo(orgId, userId)));
  return row;
}

export async function recordLaunch(db: Queryable, appId: string, userId: string): Promise<void> {
  await db
    .insert(appUsage)
    .values({ appId, userId, launches: 1 })
    .onConflictDoUpdate({ target: [appUsage.appId, appUsage.userId], set: { launches: sql`${appUsage.launches} + 1`, lastLaunchedAt: new Date() } });
}

export function mostUsed(list: AssignedApp[], n = 4): AssignedApp[] {
  return [...list].filter((a) => a.launches > 0).sort((a, b) => b.launches - a.launches || a.name.localeCompare(b.name)).slice(0, n);
}

export type NewApp = {
  type: AppRow['type'];
  name: string;
  url?: string | null;
  description?: string;
  details?: string;
  icon?: string | null;
  /** The protocol's settings (OIDC client metadata, SAML service provider); never a secret in the clear. */
  protocol?: Record<string, unknown>;
  mfaPolicy?: AppMfaPolicy;
};

export async function createApp(db: Queryable, orgId: string, input: NewApp): Promise<AppRow> {
  const [row] = await db
    .insert(apps)
    .values({ orgId, ...input, icon: input.icon ?? null })
    .returning()
    .catch(refuseTakenName);
  return row;
}

function refuseTakenName(err: unknown): never {
  if (isUniqueViolation(err)) throw new AppError('app.name_taken', 'Another application already has this name.');
  throw err;
}

/** Changes the settings of one of the organization's applications; false when it is not theirs. */
export async function updateApp(db: Queryable, orgId: string, appId: string, patch: Partial<Omit<NewApp, 'type'>>): Promise<AppRow | undefined> {
  const [row] = await db.update(apps).set(patch).where(and(eq(apps.orgId, orgId), eq(apps.id, appId))).returning().catch(refuseTakenName);
  if (row) announceAppChanged(row.id);
  return row;
}

/** Protocol endpoints know only the application (client_id, SP entity); its organization comes with it. */
export async function findAppById(db: Queryable, appId: string): Promise<AppRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(appId)) return undefined;
  const [row] = await db.select().from(apps).where(eq(apps.id, appId));
  return row;
}

/**
 * Where the person stands with an application, read in one statement: a member of its organization
 * (and not suspended there), and assigned to it directly or through one of their groups.
 */
const standingOf = prepared('app_standing', (db) =>
  db
    .select({
      suspendedAt: memberships.suspendedAt,
      // The person by parameter, not by column: unqualified in this one-table select, a column name
      // would resolve to the subquery's own user_id and match every assignment.
      assigned: assignmentExists(param('appId'), param('userId')).mapWith(Boolean),
    })
    .from(memberships)
    .where(and(eq(memberships.orgId, param('orgId')), eq(memberships.userId, param('userId')))),
);

export async function appStanding(db: Queryable, app: Pick<AppRow, 'id' | 'orgId'>, userId: string): Promise<'not_member' | 'not_assigned' | 'assigned'> {
  const [row] = await standingOf(db, { appId: app.id, orgId: app.orgId, userId });
  if (!row || row.suspendedAt) return 'not_member';
  return row.assigned ? 'assigned' : 'not_assigned';
}

/** The application's step-up rule; a stored value that predates the schema means "none". */
export function appMfaPolicyOf(app: Pick<AppRow, 'mfaPolicy'>): AppMfaPolicy {
  const parsed = appMfaPolicySchema.safeParse(app.mfaPolicy);
  return parsed.success ? parsed.data : { mode: 'none' };
}

export async function findOrgApp(db: Queryable, orgId: string, appId: string): Promise<AppRow | undefined> {
  const [row] = await db.select().from(apps).where(and(eq(apps.orgId, orgId), eq(apps.id, appId)));
  return row;
}

/** One page of the organization's applications; `q` searches the name, `type` filters. */
export async function listOrgApps(db: Queryable, orgId: string, q: ListAppsQuery): Promise<Page<AppRow>> {
  const k = keyset(appSorts, { name: nameOrder(sql`lower(${apps.name})`), created: apps.createdAt }, apps.id, q);
  const rows = await db
    .select({ app: apps, ...k.select })
    .from(apps)
    .where(and(eq(apps.orgId, orgId), q.type ? eq(apps.type, q.type) : undefined, q.q ? foldedContains(apps.name, q.q) : undefined, k.after))
    .orderBy(...k.orderBy)
    .limit(k.limit);
  return k.page(rows, (r) => r.app);
}

export async function assignApp(db: Queryable, appId: string, target: { userId: string } | { groupId: string }): Promise<void> {
  await db.insert(appAssignments).values({ appId, ...target }).onConflictDoNothing();
}

