import type { Dashboard } from '../../../../contract/apps.ts';
import { listAssignedApps, mostUsed, type AssignedApp } from '../../domain/apps/app-store.ts';
import { countRecoveryCodes, listConfirmedFactors } from '../../domain/mfa/factor-store.ts';
import { listSshKeys } from '../../domain/ssh-keys/ssh-key-store.ts';
import { findOrgById } from '../../domain/orgs/org-store.ts';
import type { User } from '../../domain/users/user-store.ts';
import type { Session } from '../../domain/sessions/session-store.ts';
import { describePassword } from '../account/change-password.ts';
import type { FlowDeps } from '../deps.ts';

export const presentApp = (a: AssignedApp) => ({ id: a.id, type: a.type, name: a.name, description: a.description, details: a.details, icon: a.icon, launches: a.launches });

const PASSWORD_WARNING_DAYS = 14;

/** What this person can reach in the active organization, and what needs their action. */
export async function buildDashboard(user: User, session: Session, deps: FlowDeps): Promise<Dashboard> {
  const [apps, factors, keys, password, org, codesLeft] = await Promise.all([
    listAssignedApps(deps.db, session.orgId, user.id),
    listConfirmedFactors(deps.db, user.id),
    listSshKeys(deps.db, user.id),
    describePassword(user, deps),
    findOrgById(deps.db, session.orgId),
    countRecoveryCodes(deps.db, user.id),
  ]);
  const mfa = org!.policies.mfa;
  const daysLeft = password.expiresAt ? Math.max(0, Math.ceil((Date.parse(password.expiresAt) - Date.now()) / 86_400_000)) : null;
  const actions: Dashboard['actions'] = [];
  if (daysLeft !== null && daysLeft <= PASSWORD_WARNING_DAYS) actions.push({ kind: 'password_expiring', days: daysLeft });
  if (mfa.mode === 'required' && factors.length === 0) actions.push({ kind: 'mfa_required_soon', signInsLeft: Math.max(0, mfa.graceSignIns - user.mfaGraceUsed) });
  if (user.recoveryEmailPending) actions.push({ kind: 'recovery_email_unconfirmed', email: user.recoveryEmailPending });
  if (factors.length > 0 && codesLeft < 3) actions.push({ kind: 'recovery_codes_low', left: codesLeft });
  return {
    apps: { count: apps.length, mostUsed: mostUsed(apps).map(presentApp) },
    security: {
      mfa: { enabled: factors.length > 0, methods: [...new Set(factors.map((f) => f.type))], mode: mfa.mode },
      password: { changedAt: password.changedAt, expiresAt: password.expiresAt, daysLeft },
      sshKeys: keys.length,
    },
    actions,
  };
}
