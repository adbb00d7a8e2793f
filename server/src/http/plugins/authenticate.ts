import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { findLiveSessionWithPerson, type Session } from '../../domain/sessions/session-store.ts';
import type { User } from '../../domain/users/user-store.ts';
import { requestContext, type HttpDeps } from '../deps.ts';
import { findLiveApiKey } from '../../domain/api-keys/api-key-store.ts';
import { recordAudit } from '../../domain/audit/record-audit.ts';
import { readCookie } from './cookies.ts';

export type SignedIn = { session: Session; user: User; role: 'member' | 'admin' };

/**
 * The session behind the cookie, if it is live, its user active and still a member of the
 * session's organization. A suspended user or a removed membership ends access at once.
 */
export async function findSignedIn(req: FastifyRequest, deps: HttpDeps): Promise<SignedIn | undefined> {
  const token = readCookie(req, deps.config, 'session');
  if (!token) return undefined;
  const found = await findLiveSessionWithPerson(deps.db, token);
  if (!found) return undefined;
  const { session, user, membership } = found;
  if (user.status !== 'active' || !membership || membership.suspendedAt) return undefined;
  return { session, user, role: membership.role };
}

export async function requireSignedIn(req: FastifyRequest, deps: HttpDeps): Promise<SignedIn> {
  const signedIn = await findSignedIn(req, deps);
  if (!signedIn) throw new AppError('auth.required', 'Sign in to continue.');
  return signedIn;
}

/** Who acts on the admin API: an administrator's browser session, or an organization API key. */
export type AdminPrincipal = { orgId: string; actorId: string | null; apiKeyId?: string; session?: Session };

/**
 * Admin API: an administrator of the session's active organization, or an API key of one
 * organization (`Authorization: Bearer tsk_…`), every use of which is audited.
 */
export async function requireAdmin(req: FastifyRequest, deps: HttpDeps): Promise<AdminPrincipal> {
  const bearer = /^Bearer (tsk_\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) {
    const key = await findLiveApiKey(deps.db, bearer);
    if (!key) throw new AppError('auth.required', 'This API key is not valid.');
    await recordAudit(deps.db, requestContext(req), { event: 'api_key.used', outcome: 'success', orgId: key.orgId, details: { apiKeyId: key.id, method: req.method, path: req.routeOptions.url } });
    return { orgId: key.orgId, actorId: null, apiKeyId: key.id };
  }
  const signedIn = await requireSignedIn(req, deps);
  if (signedIn.role !== 'admin') throw new AppError('auth.forbidden', 'Only administrators of this organization can do this.');
  return { orgId: signedIn.session.orgId, actorId: signedIn.user.id, session: signedIn.session };
}
