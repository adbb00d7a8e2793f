import { AppError } from '../../errors.ts';
import { checkPasswordRules, type PasswordPolicy } from '../../../../contract/password-policy.ts';
import { isCommonPassword } from './common-passwords.ts';
import { verifyPassword } from './password-hash.ts';

/**
 * Enforces the policy on a new password. `previousHashes` are the user's current and last hashes,
 * newest first (the history rule); verification runs in parallel on the thread pool.
 */
export async function checkNewPassword(policy: PasswordPolicy, password: string, previousHashes: string[] = []): Promise<void> {
  const failed = checkPasswordRules(policy, password).filter((r) => !r.ok).map((r) => r.rule as string);
  if (isCommonPassword(password)) failed.push('common');
  if (failed.length) {
    throw new AppError('password.policy', 'The password does not meet the requirements.', { details: { rules: failed } });
  }
  const recent = previousHashes.slice(0, Math.max(policy.historyCount, 1));
  const reused = await Promise.all(recent.map((h) => verifyPassword(h, password)));
  if (policy.historyCount > 0 && reused.some(Boolean)) {
    throw new AppError('password.policy', 'Choose a password you have not used recently.', { details: { rules: ['history'] } });
  }
}
