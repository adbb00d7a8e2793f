import { AppError } from '../../errors.ts';
import { checkPasswordRules, type PasswordPolicy } from '../../../../contract/password-policy.ts';
import { isCommonPassword } from './common-passwords.ts';
import { verifyPassword } from './password-hash.ts';

/** Who the password is for: what it must not contain (NIST SP 800-63B §3.1.1.2, context-specific words). */
export type PasswordIdentity = { email: string; usernames?: (string | null | undefined)[] };

/** Shorter local parts and usernames ("jd", "bob") are too often part of ordinary words to refuse. */
const MIN_IDENTITY_PART = 4;
const folded = (s: string) => s.normalize('NFKC').toLowerCase();

/** Whether the password contains the address, its local part, or a username (any case, NFKC). */
export function containsIdentity(password: string, identity: PasswordIdentity): boolean {
  const p = folded(password);
  const email = folded(identity.email);
  const local = email.slice(0, Math.max(0, email.lastIndexOf('@')));
  const parts = [email, local, ...(identity.usernames ?? []).map((u) => folded(u ?? ''))].filter((part) => [...part].length >= MIN_IDENTITY_PART);
  return parts.some((part) => p.includes(part));
}

/**
 * Enforces the policy on a new password. `previousHashes` are the user's current and last hashes,
 * newest first (the history rule); verification runs in parallel on the thread pool.
 */
export async function checkNewPassword(policy: PasswordPolicy, password: string, identity: PasswordIdentity, previousHashes: string[] = []): Promise<void> {
  const failed = checkPasswordRules(policy, password).filter((r) => !r.ok).map((r) => r.rule as string);
  if (isCommonPassword(password)) failed.push('common');
  if (containsIdentity(password, identity)) failed.push('identity');
  if (failed.length) {
    throw new AppError('password.policy', 'The password does not meet the requirements.', { details: { rules: failed } });
  }
  const recent = previousHashes.slice(0, Math.max(policy.historyCount, 1));
  const reused = await Promise.all(recent.map((h) => verifyPassword(h, password)));
  if (policy.historyCount > 0 && reused.some(Boolean)) {
    throw new AppError('password.policy', 'Choose a password you have not used recently.', { details: { rules: ['history'] } });
  }
}
