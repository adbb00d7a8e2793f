import { AppError } from '../../errors.ts';
import type { User } from '../../domain/users/user-store.ts';
import { membershipsOf } from '../request-memo.ts';
import type { FlowDeps } from '../deps.ts';
import type { SignInState } from './state.ts';

/**
 * Once the person is known: which organizations this portal lets them enter (admins only on the
 * Administrator Portal; only organizations allowing passkeys for a passwordless sign-in). With
 * exactly one there is no chooser.
 */
export async function admit(state: SignInState, user: User, deps: FlowDeps): Promise<SignInState> {
  const memberships = (await membershipsOf(deps, user.id)).filter((m) => !m.suspended);
  if (memberships.length === 0) {
    throw new AppError('sign_in.no_organization', 'Your account is not a member of any organization. Contact your administrator.');
  }
  const byPortal = state.portal === 'admin' ? memberships.filter((m) => m.role === 'admin') : memberships;
  if (byPortal.length === 0) throw new AppError('auth.not_admin', 'This account is not an administrator of any organization.');
  const eligible = state.passwordless ? byPortal.filter((m) => m.policies.mfa.passwordless) : byPortal;
  if (eligible.length === 0) throw new AppError('sign_in.passwordless_disabled', 'Your organization does not allow passkey sign-in. Use your e-mail and password.');
  return {
    ...state,
    userId: user.id,
    authTime: new Date().toISOString(),
    orgChoices: eligible.map((m) => m.orgId),
    orgId: eligible.length === 1 ? eligible[0].orgId : undefined,
  };
}
