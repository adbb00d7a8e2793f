import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/open.ts';
import type { Listen } from '../db/listen.ts';
import type { Argon2Params } from '../domain/credentials/password-hash.ts';
import type { FlowDeps } from '../flows/deps.ts';
import type { MasterKey } from '../domain/secrets/master-key.ts';
import type { User } from '../domain/users/user-store.ts';
import { primeUser } from '../flows/request-memo.ts';
import { requestLanguage } from './request-language.ts';
import type { AfterReply } from './after-reply.ts';

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
  afterReply: AfterReply;
  /** Hash of the local CLI credential (embedded database only). */
  localTokenHash?: string;
};

export function requestContext(req: FastifyRequest, actorUserId?: string | null) {
  return { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? ''), actorUserId: actorUserId ?? null };
}

export function flowDeps(deps: HttpDeps, req: FastifyRequest, actorUserId?: string | null): FlowDeps {
  return { db: deps.db, publicUrl: deps.config.publicUrl, argon2: deps.argon2, masterKey: deps.masterKey, mailQueued: deps.mailQueued, ctx: requestContext(req, actorUserId), language: requestLanguage(req.headers), memo: new Map() };
}

/** Flow deps acting for the signed-in person (if any), who is already read: the flows do not read them again. */
export function signedInFlowDeps(deps: HttpDeps, req: FastifyRequest, signedIn: { user: User } | undefined): FlowDeps {
  const fd = flowDeps(deps, req, signedIn?.user.id);
  if (signedIn) primeUser(fd, signedIn.user);
  return fd;
}
