import type { Config } from '../config.ts';
import { runProvisioning, type Transport } from './run-provisioning.ts';

/** Only the CLI knows how it reached the database, hence whether a server is there to pick the keys up. */
const whenInUse: Record<Transport, string> = {
  api: 'The running server signs with them within a minute.',
  embedded: 'Tessera is not running: it signs with them when it starts.',
  postgres: 'Tessera servers on this database sign with them within a minute; any started from now on, at once.',
};

/** `tessera keys rotate` */
export async function keysRotateCommand(config: Config): Promise<string> {
  const result = await runProvisioning('keys-rotate', {}, config);
  return `${result.message} ${whenInUse[result.transport]}\n`;
}
