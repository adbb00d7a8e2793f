import type { FlowDeps } from './deps.ts';
import { findUserById, listMemberships, type User } from '../domain/users/user-store.ts';
import { findOrgById, type Org } from '../domain/orgs/org-store.ts';
import { listConfirmedFactors } from '../domain/mfa/factor-store.ts';

/**
 * Reads that several steps of one request need (the person, their memberships, the organization,
 * their factors) are loaded once per request. Steps decide on flow state after their own writes,
 * so a value read earlier in the same request is never the one a decision rests on after a change.
 */
function memo<T>(deps: FlowDeps, key: string, load: () => Promise<T>): Promise<T> {
  const hit = deps.memo.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const value = load();
  deps.memo.set(key, value);
  return value;
}

export const userOf = (deps: FlowDeps, id: string) => memo(deps, `user:${id}`, () => findUserById(deps.db, id));
/** A person this request already read (by e-mail, say), so a later step does not read them again. */
export const primeUser = (deps: FlowDeps, user: User) => void deps.memo.set(`user:${user.id}`, Promise.resolve(user));
/** The memberships carry each organization whole, so a later step's orgOf needs no read of its own. */
export const membershipsOf = (deps: FlowDeps, userId: string) =>
  memo(deps, `memberships:${userId}`, async () => {
    const list = await listMemberships(deps.db, userId);
    for (const m of list) if (!deps.memo.has(`org:${m.orgId}`)) deps.memo.set(`org:${m.orgId}`, Promise.resolve({ id: m.orgId, slug: m.slug, name: m.name, policies: m.policies, branding: m.branding } satisfies Org));
    return list;
  });
export const orgOf = (deps: FlowDeps, id: string) => memo(deps, `org:${id}`, () => findOrgById(deps.db, id));
export const factorsOf = (deps: FlowDeps, userId: string) => memo(deps, `factors:${userId}`, () => listConfirmedFactors(deps.db, userId));
