import type { Db } from '../db/open.ts';
import type { Argon2Params } from '../domain/credentials/password-hash.ts';
import type { AuditContext } from '../domain/audit/record-audit.ts';
import type { MasterKey } from '../domain/secrets/master-key.ts';

/** What every flow step may use. Built once in main.ts; `ctx` is the request's. */
export type FlowDeps = {
  db: Db;
  publicUrl: string;
  argon2: Argon2Params;
  /** Seals secrets that must be read back (TOTP keys) and short-lived flow secrets. */
  masterKey: MasterKey;
  /** Wakes the mail worker after a mail was queued. */
  mailQueued(): void;
  ctx: AuditContext;
  /** Per-request cache of reads (see request-memo.ts); a new Map for every request. */
  memo: Map<string, Promise<unknown>>;
};
