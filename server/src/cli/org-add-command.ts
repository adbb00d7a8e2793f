import type { Config } from '../config.ts';
import type { Command } from './parse-command.ts';
import { runProvisioning } from './run-provisioning.ts';

/** `tessera org add`: another organization; the slug defaults to the name in kebab form. */
export async function orgAddCommand(cmd: Extract<Command, { name: 'org add' }>, config: Config): Promise<string> {
  const result = await runProvisioning('org-add', { name: cmd.orgName, slug: cmd.slug }, config);
  return `${result.message}\n`;
}
