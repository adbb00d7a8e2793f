import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import type { Database } from '../db/open.ts';
import type { CommandResult } from '../flows/provisioning/commands.ts';
import type { FlowDeps } from '../flows/deps.ts';
import { CliError } from './cli-error.ts';
import { reachEmbedded, type RunningServer } from './reach-embedded.ts';

/** The names the running server's local API knows them by (`POST /api/local/<name>`). */
export type ProvisioningCommand = 'setup' | 'org-add' | 'user-add' | 'user-reset-mfa' | 'keys-rotate';

/** How the command reached the database: the running server's API, PostgreSQL, or the embedded database opened here. */
export type Transport = 'api' | 'postgres' | 'embedded';

const USER_AGENT = 'tessera-cli';

/**
 * Runs a provisioning command wherever the database is: straight on PostgreSQL (any number of
 * processes may share it); on the embedded database through the server holding it, or by opening
 * it here when no server runs.
 */
export async function runProvisioning(name: ProvisioningCommand, input: Record<string, unknown>, config: Config): Promise<CommandResult & { transport: Transport }> {
  if (config.databaseUrl) {
    const { openDatabase } = await import('../db/open.ts');
    const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 2 });
    return { ...(await runHere(name, input, database, config)), transport: 'postgres' };
  }
  const access = await reachEmbedded(config.dataDir);
  if (access.kind === 'server') return { ...(await runOnServer(access.server, name, input, config.dataDir)), transport: 'api' };
  try {
    const { openDatabase } = await import('../db/open.ts');
    const database = await openDatabase({ dataDir: config.dataDir });
    return { ...(await runHere(name, input, database, config)), transport: 'embedded' };
  } finally {
    access.lock.release();
  }
}

async function runHere(name: ProvisioningCommand, input: unknown, database: Database, config: Config): Promise<CommandResult> {
  const commands = await import('../flows/provisioning/commands.ts');
  const { defaultArgon2Params } = await import('../domain/credentials/password-hash.ts');
  const { loadMasterKey } = await import('../domain/secrets/master-key.ts');
  const run = { setup: commands.runSetupCommand, 'org-add': commands.runAddOrgCommand, 'user-add': commands.runAddUserCommand, 'user-reset-mfa': commands.runResetMfaCommand, 'keys-rotate': commands.runRotateKeysCommand }[name];
  const deps: FlowDeps = {
    db: database.db,
    publicUrl: config.publicUrl,
    argon2: defaultArgon2Params,
    masterKey: loadMasterKey(config.secretHex, config.dataDir),
    // The mail stays queued in the outbox: a running server's worker polls it, or the next start delivers it.
    mailQueued: () => {},
    ctx: { ip: 'cli', userAgent: USER_AGENT, actorUserId: null },
    memo: new Map(),
  };
  try {
    return await run(input, deps);
  } finally {
    await database.close();
  }
}

type ErrorBody = { error?: { code?: string; message?: string; rules?: string[] } };

async function runOnServer(server: RunningServer, name: ProvisioningCommand, input: unknown, dataDir: string): Promise<CommandResult> {
  const res = await fetch(`${server.url}/api/local/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${readLocalCredential(dataDir)}`, 'content-type': 'application/json', 'user-agent': USER_AGENT },
    body: JSON.stringify(input),
  });
  const body = (await res.json().catch(() => ({}))) as CommandResult & ErrorBody;
  if (res.ok) return body;
  throw new CliError(body.error?.message ?? `Tessera at ${server.url} answered ${res.status}.`, { rules: body.error?.rules });
}

function readLocalCredential(dataDir: string): string {
  const file = path.join(dataDir, 'cli.token');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES') throw new CliError(`Cannot read ${file}: run this command as the user that runs Tessera.`);
    throw new CliError(`Cannot read ${file} (${code}): restart Tessera to write a new one.`);
  }
}
