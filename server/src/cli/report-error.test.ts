import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../config.ts';
import { AppError } from '../errors.ts';
import { CliError, UsageError } from './cli-error.ts';
import { reportError } from './report-error.ts';

describe('reportError', () => {
  it('prints a configuration error as its one line', () => {
    expect(reportError(new ConfigError('Invalid configuration: PORT must be a number'))).toEqual({ text: 'Invalid configuration: PORT must be a number', exitCode: 1 });
  });

  it('prints an AppError as one line, with the password rules it names', () => {
    expect(reportError(new AppError('org.not_found', 'No organization with the slug "x".'))).toEqual({ text: 'Error: No organization with the slug "x".', exitCode: 1 });
    const weak = new AppError('password.policy', 'The password does not meet the requirements.', { details: { rules: ['minLength', 'common'] } });
    expect(reportError(weak).text).toBe('Error: The password does not meet the requirements: too short, too common.');
  });

  it('prints a server-side refusal the same way', () => {
    expect(reportError(new CliError('The password does not meet the requirements.', { rules: ['digit'] })).text).toBe('Error: The password does not meet the requirements: needs a digit.');
    // Every rule the server can name reads as words (QA: "identity" was printed as it is).
    expect(reportError(new CliError('The password does not meet the requirements.', { rules: ['identity'] })).text).toBe('Error: The password does not meet the requirements: contains the e-mail address or username.');
  });

  it('names the field of a validation error', () => {
    const err = z.object({ email: z.string().email('is not an e-mail address') }).safeParse({ email: 'x' }).error!;
    expect(reportError(err)).toEqual({ text: 'Error: email: is not an e-mail address', exitCode: 1 });
  });

  it('adds the usage to a command-line mistake and exits 2', () => {
    const { text, exitCode } = reportError(new UsageError('Missing --name.'));
    expect(exitCode).toBe(2);
    expect(text).toMatch(/^Error: Missing --name\.\n\nUsage: tessera/);
  });

  it('prints a database error in one line, without the query parameters', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email"'), { code: '23505' });
    const err = new Error('Failed query: insert into users ...\nparams: $argon2id$secret-hash', { cause });
    expect(reportError(err)).toEqual({ text: 'Error: duplicate key value violates unique constraint "users_email"', exitCode: 1 });
  });

  it('keeps the stack of an unexpected error, but never the parameters', () => {
    const { text } = reportError(new Error('Failed query: select\nparams: $argon2id$secret-hash'));
    expect(text).toMatch(/^Error: Failed query: select\n\s+at /);
    expect(text).not.toContain('argon2id');
  });
});
