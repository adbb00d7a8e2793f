import QRCode from 'qrcode';
import type { TotpEnrollment } from '../../../../contract/mfa.ts';
import { AppError } from '../../errors.ts';
import { generateTotpSecret, matchTotpStep, totpUri } from '../../domain/mfa/totp.ts';
import { acceptTotpStep, createPendingTotp, findPendingTotp, listConfirmedFactors, renameFactor, replaceRecoveryCodes } from '../../domain/mfa/factor-store.ts';
import { generateRecoveryCodes } from '../../domain/mfa/recovery-codes.ts';
import type { User } from '../../domain/users/user-store.ts';
import type { FlowDeps } from '../deps.ts';
import type { Language } from '../../../../contract/language.ts';

const sealContext = (userId: string) => `totp:${userId}`;

async function describe(secret: string, issuer: string, account: string): Promise<TotpEnrollment> {
  const otpauthUri = totpUri({ secret, issuer, account });
  return { secret, otpauthUri, qrSvg: await QRCode.toString(otpauthUri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }), issuer, account };
}

/** Step 2 of "Set Up Verification Code (TOTP)": a new key, sealed at rest, shown as QR code and text. */
/** What an authenticator app is called until its owner renames it, in their language. */
const DEFAULT_NAME: Record<Language, string> = { en: 'Authenticator app', fr: "Application d'authentification" };

export async function startTotpEnrollment(deps: Pick<FlowDeps, 'db' | 'masterKey' | 'language'>, user: User, issuer: string): Promise<TotpEnrollment> {
  if ((await listConfirmedFactors(deps.db, user.id)).some((f) => f.type === 'totp')) {
    throw new AppError('mfa.already_enrolled', 'An authenticator app is already set up. Remove it first to set up another.');
  }
  const secret = generateTotpSecret();
  await createPendingTotp(deps.db, user.id, deps.masterKey.encrypt(secret, sealContext(user.id)), DEFAULT_NAME[user.language ?? deps.language ?? 'en']);
  return describe(secret, issuer, user.email);
}

/** The pending set-up again (e.g. after a page reload), or undefined. */
export async function pendingTotpEnrollment(deps: Pick<FlowDeps, 'db' | 'masterKey'>, user: User, issuer: string): Promise<TotpEnrollment | undefined> {
  const pending = await findPendingTotp(deps.db, user.id);
  if (!pending?.totpSecretSealed) return undefined;
  return describe(deps.masterKey.decrypt(pending.totpSecretSealed, sealContext(user.id)), issuer, user.email);
}

/**
 * Step 3: the factor becomes active only with a correct code. The first factor comes with ten
 * recovery codes, returned once.
 */
export async function confirmTotpEnrollment(deps: Pick<FlowDeps, 'db' | 'masterKey'>, userId: string, code: string, name?: string): Promise<{ recoveryCodes?: string[] }> {
  const pending = await findPendingTotp(deps.db, userId);
  if (!pending?.totpSecretSealed) throw new AppError('mfa.no_pending_setup', 'Start the authenticator app set-up first.');
  const step = matchTotpStep(deps.masterKey.decrypt(pending.totpSecretSealed, sealContext(userId)), code);
  const hadFactors = (await listConfirmedFactors(deps.db, userId)).length > 0;
  if (step === null || !(await acceptTotpStep(deps.db, pending.id, step, true))) {
    throw new AppError('mfa.code_invalid', 'That code is not right. Check the time on your phone and try the newest code.');
  }
  if (name) await renameFactor(deps.db, userId, pending.id, name);
  if (hadFactors) return {};
  const recoveryCodes = generateRecoveryCodes();
  await replaceRecoveryCodes(deps.db, userId, recoveryCodes);
  return { recoveryCodes };
}

/**
 * A code for sign-in or step-up: matches the user's authenticator app within ±1 step and was never
 * accepted before. Returns false for every kind of failure.
 */
export async function verifyTotpCode(deps: Pick<FlowDeps, 'db' | 'masterKey'>, userId: string, code: string): Promise<boolean> {
  const factor = (await listConfirmedFactors(deps.db, userId)).find((f) => f.type === 'totp');
  if (!factor?.totpSecretSealed) return false;
  const step = matchTotpStep(deps.masterKey.decrypt(factor.totpSecretSealed, sealContext(userId)), code);
  return step !== null && (await acceptTotpStep(deps.db, factor.id, step));
}
