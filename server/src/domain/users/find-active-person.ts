import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { param, prepared } from '../../db/prepared.ts';
import { groupMembers, groups, memberships, users } from '../../db/schema/index.ts';
import type { Language } from '../../../../contract/language.ts';
import { assignmentExists } from '../apps/app-store.ts';

export type ActivePerson = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  language: Language | null;
  personal: unknown;
  username: string | null;
  employment: unknown;
  /** Their groups in the organization, by name. */
  groups: string[];
  emailVerifiedAt: Date | null;
};

const activePerson = prepared('find_active_person', (db) => {
  const orgId = param('orgId');
  const userId = param('userId');
  const groupNames = db
    .select({ names: sql<string[]>`coalesce(array_agg(${groups.name} order by ${groups.name}), '{}')`.as('names') })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(and(eq(groups.orgId, orgId), eq(groupMembers.userId, userId)));
  return db
    .select({
      id: users.id,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      language: users.language,
      personal: users.personal,
      username: memberships.username,
      employment: memberships.employment,
      groups: sql<string[]>`(${groupNames})`,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.orgId, orgId)))
    .where(and(eq(users.id, userId), eq(users.status, 'active'), isNull(memberships.suspendedAt), assignmentExists(param('appId'), userId)));
});

/**
 * A person as one application of an organization knows them — only while they are active and a
 * member there, not suspended, and the application is still theirs (directly or through a group) —
 * with their groups, in one read: every OIDC grant asks for it, a refresh and userinfo too, so
 * taking the application away ends what its tokens can get at once.
 */
export async function findActivePerson(db: Db, app: { id: string; orgId: string }, userId: string): Promise<ActivePerson | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return undefined;
  const [row] = await activePerson(db, { orgId: app.orgId, appId: app.id, userId });
  return row;
}
