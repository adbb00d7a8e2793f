import type { Db } from '../db/open.ts';
import type { Logger } from '../logger.ts';
import { deleteExpiredSessions } from '../domain/sessions/session-store.ts';
import { deleteExpiredFlows } from '../domain/flows/flow-store.ts';
import { applyAuditRetention } from '../domain/audit/apply-retention.ts';
import { deleteExpiredOidcPayloads } from '../domain/oidc/oidc-payload-store.ts';
import { deleteExpiredSamlRequests } from '../domain/saml/saml-request-store.ts';

/** Removes expired sessions, flows, OIDC records and SAML requests, and audit events past retention; idempotent, safe on many processes. */
export function startHousekeeping(db: Db, logger: Logger, intervalMs = 5 * 60_000): { stop(): void } {
  const run = async () => {
    try {
      await deleteExpiredSessions(db);
      await deleteExpiredFlows(db);
      await deleteExpiredOidcPayloads(db);
      await deleteExpiredSamlRequests(db);
      await applyAuditRetention(db);
    } catch (err) {
      logger.warn({ err }, 'housekeeping failed');
    }
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
