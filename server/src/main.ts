import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chmodSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import type { Config } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { openDatabase, type Database } from './db/open.ts';
import { defaultArgon2Params, type Argon2Params } from './domain/credentials/password-hash.ts';
import { createMailTransport } from './mail/transport.ts';
import { startMailDelivery, type MailDelivery } from './jobs/mail-delivery.ts';
import { startHousekeeping } from './jobs/housekeeping.ts';
import { startPasswordExpiryReminders } from './jobs/password-expiry-reminders.ts';
import { buildApp } from './http/app.ts';
import { createAfterReply } from './http/after-reply.ts';
import { countOrgs } from './domain/orgs/org-store.ts';
import { createSetupToken } from './domain/secrets/link-tokens.ts';
import { hashToken, randomToken } from './domain/secrets/tokens.ts';
import { loadMasterKey, type MasterKey } from './domain/secrets/master-key.ts';
import type { FastifyInstance } from 'fastify';

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export type Running = { app: FastifyInstance; url: string; database: Database; mail: MailDelivery; masterKey: MasterKey; logger: Logger; stop(): Promise<void> };

/** The composition root: config → database → services → HTTP listener. The only wiring. */
export async function startTessera(config: Config, opts: { logger?: Logger; argon2?: Argon2Params; printSetupLink?: boolean } = {}): Promise<Running> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  // Loaded (or generated) before anything else: a wrong key must stop the start, not a later request.
  const masterKey = loadMasterKey(config.secretHex, config.dataDir);
  if (config.databaseUrl && !config.secretHex) logger.warn('TESSERA_SECRET is not set: the master key lives in DATA_DIR/secret.key. Set TESSERA_SECRET when several machines share the database.');
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const transport = createMailTransport({ smtpUrl: config.smtpUrl, from: config.mailFrom, logger });
  const mail = startMailDelivery(database.db, transport, logger);
  const housekeeping = startHousekeeping(database.db, logger);
  const reminders = startPasswordExpiryReminders(database.db, config.publicUrl, logger, mail.kick);
  const afterReply = createAfterReply(logger);
  const localToken = database.kind === 'pglite' ? writeLocalCredential(config.dataDir) : undefined;

  const app = await buildApp(
    {
      config,
      db: database.db,
      ping: database.ping,
      listen: database.listen,
      argon2: opts.argon2 ?? defaultArgon2Params,
      masterKey,
      mailQueued: mail.kick,
      afterReply,
      localTokenHash: localToken && hashToken(localToken),
    },
    { logger, webDist },
  );
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl;
  if (localToken) writeFileSync(path.join(config.dataDir, 'server.json'), JSON.stringify({ url: `http://127.0.0.1:${port}`, pid: process.pid }), { mode: 0o600 });

  logger.info(`Tessera is running at ${url}`);
  if (opts.printSetupLink !== false && (await countOrgs(database.db)) === 0) {
    const token = await createSetupToken(database.db);
    logger.info(`No organization yet. Open this one-time setup link to create the first one: ${url}/setup#token=${token}`);
  }

  return {
    app,
    url,
    database,
    mail,
    masterKey,
    logger,
    async stop() {
      await app.close();
      await afterReply.settled();
      housekeeping.stop();
      reminders.stop();
      await mail.stop();
      transport.close();
      await database.close();
      if (localToken) rmSync(path.join(config.dataDir, 'server.json'), { force: true });
    },
  };
}

/** The CLI's credential while this process holds the embedded database: owner-readable only. */
function writeLocalCredential(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const token = randomToken();
  const file = path.join(dataDir, 'cli.token');
  writeFileSync(file, token, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}
