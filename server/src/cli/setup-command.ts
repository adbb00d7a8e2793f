import type { Config } from '../config.ts';
import { CliError } from './cli-error.ts';
import type { Command } from './parse-command.ts';
import { promptNewPassword } from './read-password.ts';
import { runProvisioning } from './run-provisioning.ts';

/** `tessera setup`: the first organization and its administrator, without the browser. */
export async function setupCommand(cmd: Extract<Command, { name: 'setup' }>, config: Config): Promise<string> {
  const password = config.adminPassword ?? (await askPassword());
  const result = await runProvisioning(
    'setup',
    { orgName: cmd.orgName, orgSlug: cmd.orgSlug, email: cmd.adminEmail, firstName: cmd.firstName, lastName: cmd.lastName, password },
    config,
  );
  return `${result.message}\nSign in at ${String(result.data.signInUrl)}\n`;
}

async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError('Set TESSERA_ADMIN_PASSWORD, or run setup in a terminal to be asked for the password.');
  process.stderr.write("Choose the administrator's password.\n");
  return promptNewPassword();
}
