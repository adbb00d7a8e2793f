import type { Db } from '../db/open.ts';
import type { Logger } from '../logger.ts';
import { deleteExpiredSessions, EXPIRY } from '../domain/sessions/session-store.ts';
import { announceSignedOut } from '../domain/sessions/signed-out.ts';
import { deleteExpiredFlows } from '../domain/flows/flow-store.ts';
import { applyAuditRetention } from '../domain/audit/apply-retention.ts';
import { deleteExpiredOidcPayloads } from '../domain/oidc/oidc-payload-store.ts';
import { deleteExpiredSamlRequests } from '../domain/saml/saml-request-store.ts';

/**
 * One pass: removes expired sessions (and ends the single sign-on they had started), flows, OIDC
 * records and SAML requests, and audit events past retention; idempotent, safe on many processes.
 */
export async function runHousekeeping(db: Db): Promise<void> {
  for (const ended of await deleteExpiredSessions(db)) await announceSignedOut(ended, EXPIRY);
  await deleteExpiredFlows(db);
  await deleteExpiredOidcPayloads(db);
  await deleteExpiredSamlRequests(db);
  await applyAuditRetention(db);
}

export function startHousekeeping(db: Db, logger: Logger, intervalMs = 5 * 60_000): { stop(): void } {
  const run = async () => {
    try {
      await runHousekeeping(db);
    } catch (err) {
      logger.warn({ err }, 'housekeeping failed');
    }
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
