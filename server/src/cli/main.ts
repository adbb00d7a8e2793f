import { loadConfig } from '../config.ts';
import { parseCommand, type Command } from './parse-command.ts';
import { reportError } from './report-error.ts';
import { usage } from './usage.ts';

/**
 * The `tessera` command (bin/tessera.mjs lands here). Every command reads the same environment as
 * the server; the modules behind each one load only when it runs, so `user add` against a running
 * server does not pay for Fastify or PGlite.
 */
async function run(command: Command): Promise<string | undefined> {
  if (command.name === 'help') return usage;
  const config = loadConfig();
  switch (command.name) {
    case 'start': {
      const { startCommand } = await import('./start-command.ts');
      await startCommand(command, config);
      return undefined;
    }
    case 'migrate':
      return (await import('./migrate-command.ts')).migrateCommand(config);
    case 'setup':
      return (await import('./setup-command.ts')).setupCommand(command, config);
    case 'org add':
      return (await import('./org-add-command.ts')).orgAddCommand(command, config);
    case 'user add':
      return (await import('./user-add-command.ts')).userAddCommand(command, config);
    case 'user reset-mfa':
      return `${(await (await import('./run-provisioning.ts')).runProvisioning('user-reset-mfa', { email: command.email }, config)).message}\n`;
    case 'keys rotate':
      return (await import('./keys-rotate-command.ts')).keysRotateCommand(config);
  }
}

try {
  const command = parseCommand(process.argv.slice(2));
  const output = await run(command);
  // A finished command exits at once; `start` keeps running until a signal stops it.
  if (output !== undefined) process.stdout.write(output, () => process.exit(0));
} catch (err) {
  const { text, exitCode } = reportError(err);
  process.stderr.write(`${text}\n`, () => process.exit(exitCode));
}
