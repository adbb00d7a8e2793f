import type { Config } from '../config.ts';
import type { Command } from './parse-command.ts';
import { readPasswordFromStdin } from './read-password.ts';
import { runProvisioning } from './run-provisioning.ts';

/** `tessera user add`: a member, invited or with a password from stdin; a membership for an existing account. */
export async function userAddCommand(cmd: Extract<Command, { name: 'user add' }>, config: Config): Promise<string> {
  const password = cmd.passwordStdin ? await readPasswordFromStdin() : undefined;
  const result = await runProvisioning(
    'user-add',
    { org: cmd.org, email: cmd.email, firstName: cmd.firstName, lastName: cmd.lastName, username: cmd.username, admin: cmd.admin, invite: cmd.invite, password },
    config,
  );
  const queued = cmd.invite && result.transport === 'embedded' ? '\nThe invitation e-mail is queued; it goes out when Tessera starts.' : '';
  return `${result.message}${queued}\n`;
}
