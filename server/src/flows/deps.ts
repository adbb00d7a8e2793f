import type { Db } from '../db/open.ts';
import type { Argon2Params } from '../domain/credentials/password-hash.ts';
import type { AuditContext } from '../domain/audit/record-audit.ts';
import type { MasterKey } from '../domain/secrets/master-key.ts';
import type { Language } from '../../../contract/language.ts';

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
  /**
   * The language of the browser making the request (http/request-language.ts): links a person asks
   * for go out in it until they choose one (`mailLanguage`).
   */
  language?: Language;
  /** Per-request cache of reads (see request-memo.ts); a new Map for every request. */
  memo: Map<string, Promise<unknown>>;
};

/**
 * For a mail the person asked for just now (a reset link, a confirmation link): their language, else
 * their browser's. Security notices stay in the person's own (or English): whoever acted may be someone else.
 */
export const mailLanguage = (person: { language: Language | null }, deps: Pick<FlowDeps, 'language'>): Language | null => person.language ?? deps.language ?? null;
