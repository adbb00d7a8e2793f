import QRCode from 'qrcode';
import type { TotpEnrollment } from '../../../../contract/mfa.ts';
import { AppError } from '../../errors.ts';
import { generateTotpSecret, matchTotpStep, totpUri } from '../../domain/mfa/totp.ts';
import {
  acceptTotpStep,
  addConfirmedTotp,
  createPendingTotp,
  dropPendingTotp,
  findPendingTotp,
  listConfirmedFactors,
  replaceRecoveryCodes,
  type Factor,
} from '../../domain/mfa/factor-store.ts';
import { generateRecoveryCodes } from '../../domain/mfa/recovery-codes.ts';
import type { Queryable } from '../../db/open.ts';
import type { User } from '../../domain/users/user-store.ts';
import type { FlowDeps } from '../deps.ts';
import type { Language } from '../../../../contract/language.ts';

const sealContext = (userId: string) => `totp:${userId}`;

async function describe(secret: string, issuer: string, account: string): Promise<TotpEnrollment> {
  const otpauthUri = totpUri({ secret, issuer, account });
  return { secret, otpauthUri, qrSvg: await QRCode.toString(otpauthUri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }), issuer, account };
}

/** What an authenticator app is called until its owner renames it, in their language. */
const DEFAULT_NAME: Record<Language, string> = { en: 'Authenticator app', fr: "Application d'authentification" };
const defaultName = (deps: Pick<FlowDeps, 'language'>, user: User) => DEFAULT_NAME[user.language ?? deps.language ?? 'en'];

async function assertNoAuthenticatorApp(db: Queryable, userId: string): Promise<Factor[]> {
  const factors = await listConfirmedFactors(db, userId);
  if (factors.some((f) => f.type === 'totp')) {
    throw new AppError('mfa.already_enrolled', 'An authenticator app is already set up. Remove it first to set up another.');
  }
  return factors;
}

/**
 * A set-up is started either by a portal session (kept as an unconfirmed factor bound to that
 * session) or by a sign-in (kept sealed in the flow's own state): the secret is shown to, and
 * confirmed by, only the place that asked for it.
 */
export type TotpSetupOrigin = { sessionId: string } | { sealedSecret: string };

/** Step 2 of "Set Up Verification Code (TOTP)" on the Security page: a new key, sealed at rest, shown as QR code and text. */
export async function startTotpEnrollment(deps: Pick<FlowDeps, 'db' | 'masterKey' | 'language'>, user: User, issuer: string, sessionId: string): Promise<TotpEnrollment> {
  await assertNoAuthenticatorApp(deps.db, user.id);
  const secret = generateTotpSecret();
  await createPendingTotp(deps.db, { userId: user.id, sessionId, sealedSecret: deps.masterKey.encrypt(secret, sealContext(user.id)), name: defaultName(deps, user) });
  return describe(secret, issuer, user.email);
}

/** The same step inside a sign-in: the sealed secret is for the flow to keep. */
export async function newTotpSecret(deps: Pick<FlowDeps, 'db' | 'masterKey'>, user: User): Promise<string> {
  await assertNoAuthenticatorApp(deps.db, user.id);
  return deps.masterKey.encrypt(generateTotpSecret(), sealContext(user.id));
}

/** A sign-in's set-up shown again (e.g. after a page reload). */
export async function describeSealedTotp(deps: Pick<FlowDeps, 'masterKey'>, user: User, issuer: string, sealedSecret: string): Promise<TotpEnrollment> {
  return describe(deps.masterKey.decrypt(sealedSecret, sealContext(user.id)), issuer, user.email);
}

/**
 * Step 3: the factor becomes active only with a correct code. The first factor comes with ten
 * recovery codes, returned once.
 */
export async function confirmTotpEnrollment(
  deps: Pick<FlowDeps, 'db' | 'masterKey' | 'language'>,
  user: User,
  code: string,
  origin: TotpSetupOrigin,
  name?: string,
): Promise<{ factor: Factor; recoveryCodes?: string[] }> {
  const invalid = () => new AppError('mfa.code_invalid', 'That code is not right. Check the time on your phone and try the newest code.');
  return deps.db.transaction(async (tx) => {
    const hadFactors = (await assertNoAuthenticatorApp(tx, user.id)).length > 0;
    let factor: Factor;
    if ('sessionId' in origin) {
      const pending = await findPendingTotp(tx, user.id, origin.sessionId);
      if (!pending?.totpSecretSealed) throw new AppError('mfa.no_pending_setup', 'Start the authenticator app set-up first.');
      const step = matchTotpStep(deps.masterKey.decrypt(pending.totpSecretSealed, sealContext(user.id)), code);
      if (step === null || !(await acceptTotpStep(tx, pending.id, step, { name }))) throw invalid();
      factor = { ...pending, name: name ?? pending.name };
    } else {
      const step = matchTotpStep(deps.masterKey.decrypt(origin.sealedSecret, sealContext(user.id)), code);
      if (step === null) throw invalid();
      factor = await addConfirmedTotp(tx, { userId: user.id, name: name ?? defaultName(deps, user), sealedSecret: origin.sealedSecret, step });
    }
    await dropPendingTotp(tx, user.id);
    if (hadFactors) return { factor };
    const recoveryCodes = generateRecoveryCodes();
    await replaceRecoveryCodes(tx, user.id, recoveryCodes);
    return { factor, recoveryCodes };
  });
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
