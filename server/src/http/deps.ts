import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/open.ts';
import type { Listen } from '../db/listen.ts';
import type { Argon2Params } from '../domain/credentials/password-hash.ts';
import type { FlowDeps } from '../flows/deps.ts';
import type { MasterKey } from '../domain/secrets/master-key.ts';

/** Everything route plugins receive; wired once in main.ts. */
export type HttpDeps = {
  config: Config;
  db: Db;
  ping(): Promise<void>;
  /** The database's LISTEN (changes other processes announce). */
  listen: Listen;
  argon2: Argon2Params;
  masterKey: MasterKey;
  mailQueued(): void;
  /** Hash of the local CLI credential (embedded database only). */
  localTokenHash?: string;
  /** Tests only: let outgoing calls (back-channel logout, SP metadata) reach servers on loopback. */
  loopbackFetchForTests?: boolean;
};

export function requestContext(req: FastifyRequest, actorUserId?: string | null) {
  return { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? ''), actorUserId: actorUserId ?? null };
}

export function flowDeps(deps: HttpDeps, req: FastifyRequest, actorUserId?: string | null): FlowDeps {
  return { db: deps.db, publicUrl: deps.config.publicUrl, argon2: deps.argon2, masterKey: deps.masterKey, mailQueued: deps.mailQueued, ctx: requestContext(req, actorUserId), memo: new Map() };
}
