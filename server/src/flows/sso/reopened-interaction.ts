import { findAssignedApp, type AppRow } from '../../domain/apps/app-store.ts';
import { findFinishedInteraction, findWaitingInteraction } from '../../domain/oidc/oidc-payload-store.ts';
import type { Session } from '../../domain/sessions/session-store.ts';
import type { Queryable } from '../../db/open.ts';

export type ReopenedInteraction = { kind: 'continue'; uid: string } | { kind: 'completed'; app: AppRow };

/**
 * A sign-in page opened again after its interaction ended (a second tab, Back from the
 * application, an old User Login link). For the person who answered it: the request's step still
 * waiting (the consent question after the login), or "already completed" with the application,
 * found in their own organization among those still assigned to them. Anyone else, and a request
 * that expired, learn nothing (undefined): the application's address is only ever a registered one.
 */
export async function whatBecameOfInteraction(uid: string, session: Session | undefined, db: Queryable): Promise<ReopenedInteraction | undefined> {
  if (!session) return undefined;
  const finished = await findFinishedInteraction(db, uid);
  if (!finished || finished.accountId !== session.userId) return undefined;
  const waiting = await findWaitingInteraction(db, finished.cid);
  if (waiting) return { kind: 'continue', uid: waiting };
  const app = await findAssignedApp(db, session.orgId, session.userId, finished.clientId);
  return app && { kind: 'completed', app };
}
