import type { Db } from '../db/open.ts';
import type { Argon2Params } from '../domain/credentials/password-hash.ts';
import type { AuditContext } from '../domain/audit/record-audit.ts';

/** What every flow step may use. Built once in main.ts; `ctx` is the request's. */
export type FlowDeps = {
  db: Db;
  publicUrl: string;
  argon2: Argon2Params;
  /** Wakes the mail worker after a mail was queued. */
  mailQueued(): void;
  ctx: AuditContext;
};
