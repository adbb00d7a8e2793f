import { AppError } from '../../errors.ts';
import { checkPasswordResetInput, completePasswordResetInput, requestPasswordResetInput } from '../../../../contract/recovery.ts';
import { consumePasswordReset, findPasswordReset, issuePasswordReset } from '../../domain/secrets/link-tokens.ts';
import { findUserByEmail, findUserById } from '../../domain/users/user-store.ts';
import { claimUnprovenAccount } from '../../domain/users/claim-account.ts';
import { passwordPolicyForUser, setNewPassword } from '../../domain/credentials/set-password.ts';
import { clearFailures, lockoutKey } from '../../domain/lockout/lockout-store.ts';
import { canonicalizeEmail } from '../../domain/users/canonical-email.ts';
import { recordAudit, recordAuditForPerson } from '../../domain/audit/record-audit.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import { mailLanguage, type FlowDeps } from '../deps.ts';

export const RESET_TTL_MINUTES = 30;
const invalidLink = () => new AppError('token.invalid', 'This reset link is not valid any more. Ask for a new one.');

/**
 * The answer does not wait for this (see password-reset-routes.ts), so it cannot tell whether the
 * address has an account. The link goes to the company address and to the person's confirmed
 * recovery e-mail, which is what the recovery e-mail is for: a way back in when the company mailbox
 * sits behind the forgotten password. An account whose address was never proven gets it at that
 * address only: its recovery e-mail was set by whoever held the account, who may not be the
 * address's owner (see claim-account.ts). However many ask, one person gets at most the links
 * RESET_THROTTLE allows; past it the last link stays valid.
 */
export async function requestPasswordReset(input: unknown, deps: FlowDeps): Promise<void> {
  const { email } = requestPasswordResetInput.parse(input);
  let canonical: string;
  try {
    canonical = canonicalizeEmail(email).canonical;
  } catch {
    return;
  }
  const user = await findUserByEmail(deps.db, canonical);
  if (!user || user.status !== 'active') {
    await recordAudit(deps.db, deps.ctx, { event: 'password.reset_requested', outcome: 'failure', details: { reason: user ? 'suspended' : 'unknown' } });
    return;
  }
  const mailed = await deps.db.transaction(async (tx) => {
    const token = await issuePasswordReset(tx, user.id, RESET_TTL_MINUTES);
    if (!token) {
      await recordAuditForPerson(tx, deps.ctx, user.id, { event: 'password.reset_requested', outcome: 'failure', details: { reason: 'throttled' } });
      return false;
    }
    for (const to of [user.email, ...(user.recoveryEmail && user.emailVerifiedAt ? [user.recoveryEmail] : [])]) {
      await enqueueMail(tx, { to, template: 'password_reset', lang: mailLanguage(user, deps), vars: { url: `${deps.publicUrl}/reset-password#token=${token}`, minutes: RESET_TTL_MINUTES } });
    }
    await recordAuditForPerson(tx, deps.ctx, user.id, { event: 'password.reset_requested', outcome: 'success' });
    return true;
  });
  if (mailed) deps.mailQueued();
}

export async function checkPasswordReset(input: unknown, deps: FlowDeps) {
  const { token } = checkPasswordResetInput.parse(input);
  const reset = await findPasswordReset(deps.db, token);
  const user = reset && (await findUserById(deps.db, reset.userId));
  if (!user || user.status !== 'active') throw invalidLink();
  return { email: user.email, policy: await passwordPolicyForUser(deps.db, user.id) };
}

/**
 * The policy is checked before the link is consumed (a weak password does not burn the link);
 * consuming is one DELETE … RETURNING, so of many parallel uses exactly one succeeds. The reset ends
 * every session of the user and clears the lockout. On an account whose address was never proven
 * the link could only have come from that address: its owner takes the account back.
 */
export async function completePasswordReset(input: unknown, deps: FlowDeps): Promise<void> {
  const { token, password } = completePasswordResetInput.parse(input);
  const reset = await findPasswordReset(deps.db, token);
  const user = reset && (await findUserById(deps.db, reset.userId));
  if (!user || user.status !== 'active') throw invalidLink();
  await setNewPassword(deps.db, { userId: user.id, password, argon2: deps.argon2 }, async (tx) => {
    if (!(await consumePasswordReset(tx, token))) throw invalidLink();
    await clearFailures(tx, lockoutKey(user.emailCanonical));
    await recordAuditForPerson(tx, { ...deps.ctx, actorUserId: user.id }, user.id, { event: 'password.reset', outcome: 'success' });
    const claimed = await claimUnprovenAccount(tx, user.id);
    if (claimed) {
      await recordAuditForPerson(tx, { ...deps.ctx, actorUserId: user.id }, user.id, { event: 'account.claimed', outcome: 'success', details: { ...claimed, recoveryEmail: Boolean(user.recoveryEmail || user.recoveryEmailPending) } });
    }
    await enqueueMail(tx, { to: user.email, template: 'password_changed', lang: user.language, vars: {} });
  });
  deps.mailQueued();
}
