import { AppError } from '../../../errors.ts';
import { passwordStepInput } from '../../../../../contract/sign-in.ts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../../../domain/credentials/password-hash.ts';
import { getLockState, lockoutKey, recordFailure } from '../../../domain/lockout/lockout-store.ts';
import { strictestLockout } from '../../../domain/policies/org-policies.ts';
import { instanceLockoutPolicy } from '../../../domain/lockout/instance-lockout-policy.ts';
import { findUserByCanonicalEmail, listMemberships, replacePasswordHash, type Membership, type User } from '../../../domain/users/user-store.ts';
import { recordAuditForMemberships } from '../../../domain/audit/record-audit.ts';
import { announceLock } from '../../lockout/announce-lock.ts';
import type { FlowStep } from '../../engine/run-flow.ts';
import type { FlowDeps } from '../../deps.ts';
import type { SignInState } from '../state.ts';
import type { SignInStep } from '../../../../../contract/sign-in.ts';
import { admit } from '../admit.ts';
import { membershipsOf, primeUser } from '../../request-memo.ts';

/** Keys the pick of an unknown address's lockout policy (instance-lockout-policy.ts). */
const LOCKOUT_PICK = 'lockout-policy-pick';

const invalid = () => new AppError('sign_in.invalid_credentials', 'Email or password is incorrect.');
const locked = () => new AppError('sign_in.locked', 'Your account is locked. Contact your administrator.');

/**
 * Unknown, wrong-password and suspended accounts take the same path and cost one argon2id
 * verification each; the failure counter is keyed by what was typed, so locking is no oracle either.
 */
export const authenticatePassword: FlowStep<SignInState, FlowDeps, SignInStep> = {
  name: 'password',
  check: async (s) => (s.userId ? { kind: 'continue' } : { kind: 'prompt', prompt: { step: 'password', email: s.email, portal: s.portal } }),

  async submit(state, input, deps) {
    const { password } = passwordStepInput.parse(input);
    const key = lockoutKey(state.identifier);
    const user = await findUserByCanonicalEmail(deps.db, state.identifier);
    if (user) primeUser(deps, user);
    const lock = await getLockState(deps.db, key);
    if (lock.locked) {
      const orgIds = user ? (await listMemberships(deps.db, user.id)).map((m) => m.orgId) : [];
      await recordAuditForMemberships(deps.db, deps.ctx, orgIds, { event: 'sign_in.password', outcome: 'failure', targetUserId: user?.id, details: { reason: 'locked' } });
      throw locked();
    }
    const matches = await verifyPassword(user?.passwordHash ?? (await dummyHash(deps.argon2)), password);
    // Suspended everywhere they belong looks exactly like a wrong password (no oracle).
    const memberships = user ? await membershipsOf(deps, user.id) : [];
    const suspendedEverywhere = memberships.length > 0 && memberships.every((m) => m.suspended);
    if (!user || !user.passwordHash || !matches || user.status !== 'active' || suspendedEverywhere) {
      await onFailure(user, memberships, deps, key, state.identifier);
    }
    await rehashIfNeeded(user!, password, deps);
    return admit({ ...state, amr: ['pwd'], failuresPending: lock.failures > 0 }, user!, deps);
  },
};

async function onFailure(user: User | undefined, memberships: Membership[], deps: FlowDeps, key: string, identifier: string): Promise<never> {
  const policy = user ? strictestLockout(memberships.map((m) => m.policies.lockout)) : await instanceLockoutPolicy(deps.db, deps.masterKey.derive(LOCKOUT_PICK), identifier);
  const result = await recordFailure(deps.db, key, policy);
  const reason = !user ? 'unknown' : user.status !== 'active' || memberships.every((m) => m.suspended) ? 'suspended' : 'password';
  const orgIds = memberships.map((m) => m.orgId);
  await recordAuditForMemberships(deps.db, deps.ctx, orgIds, { event: 'sign_in.password', outcome: 'failure', targetUserId: user?.id, details: { reason } });
  if (result.lockedNow && user) await announceLock(deps, user, orgIds);
  throw result.locked ? locked() : invalid();
}

async function rehashIfNeeded(user: User, password: string, deps: FlowDeps): Promise<void> {
  if (!needsRehash(user.passwordHash!, deps.argon2)) return;
  await replacePasswordHash(deps.db, user.id, user.passwordHash!, await hashPassword(password, deps.argon2));
}
