import { describe, expect, it } from 'vitest';
import { parseCommand } from './parse-command.ts';
import { UsageError } from './cli-error.ts';

describe('parseCommand', () => {
  it('reads setup with its flags', () => {
    expect(parseCommand(['setup', '--org-name', 'Acme Corp', '--admin-email', 'a@example.com', '--first', 'Ada'])).toEqual({
      name: 'setup',
      orgName: 'Acme Corp',
      orgSlug: undefined,
      adminEmail: 'a@example.com',
      firstName: 'Ada',
      lastName: undefined,
    });
  });

  it('reads user add with its switches', () => {
    expect(parseCommand(['user', 'add', '--org', 'acme', '--email', 'a@example.com', '--admin', '--password-stdin'])).toMatchObject({
      name: 'user add',
      org: 'acme',
      admin: true,
      invite: false,
      passwordStdin: true,
    });
  });

  it('builds the web app on start unless told not to', () => {
    expect(parseCommand(['start'])).toEqual({ name: 'start', build: true });
    expect(parseCommand(['start', '--no-build'])).toEqual({ name: 'start', build: false });
  });

  it.each([['help'], ['--help'], ['-h'], ['org', 'add', '--help'], ['migrate', '-h']])('treats %s as a request for help', (...argv) => {
    expect(parseCommand(argv)).toEqual({ name: 'help' });
  });

  it.each([
    [[], 'Missing command.'],
    [['launch'], 'Unknown command: launch'],
    [['org'], 'Unknown command: org (did you mean `org add`?)'],
    [['user', 'reset'], 'Unknown command: user reset (did you mean `user add` or `user reset-mfa`?)'],
    [['user', 'reset-mfa'], 'Missing --email.'],
    [['org', 'add'], 'Missing --name.'],
    [['org', 'add', '--name', '  '], 'Missing --name.'],
    [['org', 'add', '--name', 'A', '--colour', 'red'], "Unknown option '--colour'"],
    [['org', 'add', '--name', 'A', 'extra'], "Unexpected argument 'extra'"],
    [['user', 'add', '--org', 'a', '--email', 'e@x.io', '--invite', '--password-stdin'], 'Use either --invite or --password-stdin, not both.'],
    [['setup', '--org-name', 'A'], 'Missing --admin-email.'],
    [['start', '--port', '4000'], "Unknown option '--port'"],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});
