import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { param, prepared } from '../../db/prepared.ts';
import type { Db, Queryable } from '../../db/open.ts';
import { memberships, orgs, sessions, users } from '../../db/schema/index.ts';
import { hashToken, randomToken } from '../secrets/tokens.ts';
import { revokeUserOidcGrants } from '../oidc/oidc-payload-store.ts';
import { announceSignedOut, type EndedSession } from './signed-out.ts';
import { DEFAULT_SESSION_POLICY, isSessionLive, parseSessionPolicy, type SessionPolicy } from './session-deadline.ts';

/** Who ends a session that ran out: nobody, from nowhere (what audit rows about it say). */
export const EXPIRY = { ip: '', userAgent: 'session expiry' };

export type Session = typeof sessions.$inferSelect;

export type NewSession = {
  userId: string;
  orgId: string;
  amr: string[];
  authTime: Date;
  mfaAt?: Date | null;
  ip: string;
  userAgent: string;
  idleMinutes: number;
  lifetimeMinutes: number;
};

// Every sign-in writes one: built once (prepared), not on each call.
const insertSession = prepared('session_insert', (db) =>
  db
    .insert(sessions)
    .values({
      tokenHash: param('tokenHash'),
      userId: param('userId'),
      orgId: param('orgId'),
      amr: param('amr'),
      authTime: param('authTime'),
      // Raw: drizzle's timestamp encoder cannot take the null a placeholder may hold.
      mfaAt: sql`${param('mfaAt')}`,
      ip: param('ip'),
      userAgent: param('userAgent'),
      idleMinutes: param('idleMinutes'),
      expiresAt: param('expiresAt'),
    })
    .returning(),
);

/** Returns the cookie value; only its hash is stored. */
export async function createSession(db: Queryable, input: NewSession): Promise<{ token: string; session: Session }> {
  const token = randomToken();
  const [session] = await insertSession(db, {
    tokenHash: hashToken(token),
    userId: input.userId,
    orgId: input.orgId,
    amr: input.amr,
    authTime: input.authTime,
    mfaAt: input.mfaAt ?? null,
    ip: input.ip,
    userAgent: input.userAgent.slice(0, 512),
    idleMinutes: input.idleMinutes,
    expiresAt: new Date(Date.now() + input.lifetimeMinutes * 60_000),
  });
  return { token, session };
}

/**
 * The live session for a cookie value, with the person and their membership of the session's
 * organization read in the same statement (every signed-in request asks for all three), or
 * undefined when unknown, past its absolute lifetime or idle too long. The organization's current
 * session policy (and passwordless re-verification) comes along in that statement too: a policy tightened after sign-in binds
 * sessions already open, at no extra round trip. Touches last-seen at most once a minute.
 */
const sessionWithPersonByToken = prepared('session_with_person_by_token', (db) =>
  db
    .select({ session: sessions, user: users, membership: memberships, sessionPolicy: sql<unknown>`jsonb_build_object('session', ${orgs.policies} -> 'session', 'reverifyHours', ${orgs.policies} -> 'mfa' -> 'reverifyHours')` })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(orgs, eq(orgs.id, sessions.orgId))
    .leftJoin(memberships, and(eq(memberships.orgId, sessions.orgId), eq(memberships.userId, sessions.userId)))
    .where(eq(sessions.tokenHash, param('tokenHash'))),
);

export async function findLiveSessionWithPerson(db: Queryable, token: string, now = new Date()) {
  const [row] = await sessionWithPersonByToken(db, { tokenHash: hashToken(token) });
  if (!row) return undefined;
  const { sessionPolicy, ...found } = row;
  return (await stillLive(db, row.session, parseSessionPolicy(sessionPolicy), now)) ? found : undefined;
}

/** Ends a session found past its time (and the single sign-on it started), or notes that it was seen. */
async function stillLive(db: Queryable, row: Session, policy: SessionPolicy, now: Date): Promise<boolean> {
  if (!isSessionLive(row, policy, now)) {
    await db.delete(sessions).where(eq(sessions.id, row.id));
    await announceSignedOut(row, EXPIRY);
    return false;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.id));
  }
  return true;
}

export async function switchSessionOrg(db: Queryable, sessionId: string, orgId: string): Promise<void> {
  await db.update(sessions).set({ orgId }).where(eq(sessions.id, sessionId));
}

type By = { ip: string; userAgent: string };
/** What a deleted session leaves for its sign-out announcement. */
const ENDED = { id: sessions.id, userId: sessions.userId, authTime: sessions.authTime };

/**
 * Ends one session and, with it, the single sign-on it started (signed-out.ts); `by` is who ended
 * it, from where. Not inside a transaction: what listens writes through the database itself.
 */
export async function deleteSession(db: Db, sessionId: string, by: By): Promise<void> {
  const [ended] = await db.delete(sessions).where(eq(sessions.id, sessionId)).returning(ENDED);
  if (ended) await announceSignedOut(ended, by);
}

/**
 * Ends every session of a user (password reset or change, "sign out everywhere else"), optionally
 * keeping one — and with them the sessions and tokens applications got through OIDC: which device
 * a refresh token came from is not known, so all of them go (a signed-in person passes straight
 * back through on the next authorization). Returns the sessions it ended: once committed, the
 * caller announces them (`announceSignedOut`), so that SAML applications hear of it at once.
 */
export async function deleteUserSessions(db: Queryable, userId: string, exceptSessionId?: string): Promise<EndedSession[]> {
  const where = exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId);
  await revokeUserOidcGrants(db, userId);
  return db.delete(sessions).where(where).returning(ENDED);
}

/**
 * The sessions it ended (past their lifetime or idle too long, by the stricter of their own values and
 * their organization's policy now, as isSessionLive), for what they had started to end too.
 */
export async function deleteExpiredSessions(db: Queryable): Promise<EndedSession[]> {
  // A stored field that is missing or not a number takes its default, as parseSessionPolicy.
  const field = (path: 'session' | 'mfa', name: keyof SessionPolicy) =>
    sql`coalesce(case when jsonb_typeof(${orgs.policies} -> ${path} -> ${name}) = 'number' then (${orgs.policies} -> ${path} ->> ${name})::float8 end, ${DEFAULT_SESSION_POLICY[name]}::float8)`;
  return db
    .delete(sessions)
    .where(
      sql`${sessions.expiresAt} <= now() or ${sessions.lastSeenAt} + make_interval(mins => ${sessions.idleMinutes}) <= now() or exists (
        select 1 from ${orgs} where ${orgs.id} = ${sessions.orgId} and (
          ${sessions.createdAt} + interval '1 hour' * ${field('session', 'absoluteHours')} <= now()
          or ${sessions.lastSeenAt} + interval '1 minute' * ${field('session', 'idleMinutes')} <= now()
          or (not ('pwd' = any(${sessions.amr})) and ${sessions.createdAt} + interval '1 hour' * ${field('mfa', 'reverifyHours')} <= now())))`,
    )
    .returning(ENDED);
}

export async function listUserSessions(db: Queryable, userId: string): Promise<Session[]> {
  const rows = await db
    .select({ session: sessions, sessionPolicy: sql<unknown>`jsonb_build_object('session', ${orgs.policies} -> 'session', 'reverifyHours', ${orgs.policies} -> 'mfa' -> 'reverifyHours')` })
    .from(sessions)
    .innerJoin(orgs, eq(orgs.id, sessions.orgId))
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastSeenAt));
  const now = new Date();
  return rows.filter((r) => isSessionLive(r.session, parseSessionPolicy(r.sessionPolicy), now)).map((r) => r.session);
}

/** Only the owner's own sessions can be ended this way; another user's id answers "not found" (false). As deleteSession otherwise. */
export async function deleteUserSession(db: Db, userId: string, sessionId: string, by: By): Promise<boolean> {
  const [ended] = await db.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId))).returning(ENDED);
  if (ended) await announceSignedOut(ended, by);
  return ended !== undefined;
}

/**
 * A second factor presented during a session (step-up): records when and how, and gives the
 * session a new id — a privilege change, so a cookie captured before it is worth nothing after.
 */
export async function raiseSessionMfa(db: Queryable, sessionId: string, amr: string[], at: Date): Promise<{ token: string } | undefined> {
  const token = randomToken();
  const rows = await db
    .update(sessions)
    .set({ tokenHash: hashToken(token), mfaAt: at, amr: sql`array(select distinct unnest(${sessions.amr} || ${sql.param(amr)}::text[]))` })
    .where(eq(sessions.id, sessionId))
    .returning({ id: sessions.id });
  return rows.length ? { token } : undefined;
}
