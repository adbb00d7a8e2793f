import { parseArgs } from 'node:util';
import { UsageError } from './cli-error.ts';

export type Command =
  | { name: 'help' }
  | { name: 'start'; build: boolean }
  | { name: 'migrate' }
  | { name: 'setup'; orgName: string; orgSlug?: string; adminEmail: string; firstName?: string; lastName?: string }
  | { name: 'org add'; orgName: string; slug?: string }
  | { name: 'keys rotate' }
  | { name: 'user reset-mfa'; email: string }
  | {
      name: 'user add';
      org: string;
      email: string;
      firstName?: string;
      lastName?: string;
      username?: string;
      admin: boolean;
      invite: boolean;
      passwordStdin: boolean;
    };

const help = { help: { type: 'boolean', short: 'h' } } as const;

/** argv (without node and script) → one command. Throws UsageError for anything it does not know. */
export function parseCommand(argv: string[]): Command {
  const [first, second] = argv;
  if (first === undefined) throw new UsageError('Missing command.');
  if (first === 'help' || first === '--help' || first === '-h') return { name: 'help' };
  if (first === 'start') return parseStart(argv.slice(1));
  if (first === 'migrate') return flags(argv.slice(1), {}).help ? { name: 'help' } : { name: 'migrate' };
  if (first === 'setup') return parseSetup(argv.slice(1));
  if (first === 'org' && second === 'add') return parseOrgAdd(argv.slice(2));
  if (first === 'user' && second === 'add') return parseUserAdd(argv.slice(2));
  if (first === 'user' && second === 'reset-mfa') return parseUserResetMfa(argv.slice(2));
  if (first === 'keys' && second === 'rotate') return flags(argv.slice(2), {}).help ? { name: 'help' } : { name: 'keys rotate' };
  if (first === 'keys') throw new UsageError(`Unknown command: ${[first, second].filter(Boolean).join(' ')} (did you mean \`keys rotate\`?)`);
  if (first === 'org' || first === 'user') throw new UsageError(`Unknown command: ${[first, second].filter(Boolean).join(' ')} (did you mean \`${first} add\`${first === 'user' ? ' or \`user reset-mfa\`' : ''}?)`);
  throw new UsageError(`Unknown command: ${first}`);
}

function parseStart(args: string[]): Command {
  const v = flags(args, { 'no-build': { type: 'boolean' } });
  return v.help ? { name: 'help' } : { name: 'start', build: !v['no-build'] };
}

function parseSetup(args: string[]): Command {
  const v = flags(args, {
    'org-name': { type: 'string' },
    'org-slug': { type: 'string' },
    'admin-email': { type: 'string' },
    first: { type: 'string' },
    last: { type: 'string' },
  });
  if (v.help) return { name: 'help' };
  return {
    name: 'setup',
    orgName: required(v['org-name'], '--org-name'),
    orgSlug: v['org-slug'],
    adminEmail: required(v['admin-email'], '--admin-email'),
    firstName: v.first,
    lastName: v.last,
  };
}

function parseOrgAdd(args: string[]): Command {
  const v = flags(args, { name: { type: 'string' }, slug: { type: 'string' } });
  if (v.help) return { name: 'help' };
  return { name: 'org add', orgName: required(v.name, '--name'), slug: v.slug };
}

function parseUserResetMfa(args: string[]): Command {
  const v = flags(args, { email: { type: 'string' } });
  if (v.help) return { name: 'help' };
  return { name: 'user reset-mfa', email: required(v.email, '--email') };
}

function parseUserAdd(args: string[]): Command {
  const v = flags(args, {
    org: { type: 'string' },
    email: { type: 'string' },
    first: { type: 'string' },
    last: { type: 'string' },
    username: { type: 'string' },
    admin: { type: 'boolean' },
    invite: { type: 'boolean' },
    'password-stdin': { type: 'boolean' },
  });
  if (v.help) return { name: 'help' };
  if (v.invite && v['password-stdin']) throw new UsageError('Use either --invite or --password-stdin, not both.');
  return {
    name: 'user add',
    org: required(v.org, '--org'),
    email: required(v.email, '--email'),
    firstName: v.first,
    lastName: v.last,
    username: v.username,
    admin: v.admin ?? false,
    invite: v.invite ?? false,
    passwordStdin: v['password-stdin'] ?? false,
  };
}

type Options = Record<string, { type: 'string' | 'boolean' }>;

function flags<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, ...help }, strict: true, allowPositionals: false }).values;
  } catch (err) {
    // parseArgs reports every command-line mistake as a TypeError with an ERR_PARSE_ARGS_* code.
    if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw new UsageError((err as Error).message);
    throw err;
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`Missing ${flag}.`);
  return value;
}
