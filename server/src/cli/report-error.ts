import { ZodError } from 'zod';
import { ConfigError } from '../config.ts';
import { AppError } from '../errors.ts';
import { CliError, UsageError } from './cli-error.ts';
import { usage } from './usage.ts';
import type { RefusedPasswordRule } from '../../../contract/password-policy.ts';

/** What the terminal shows for a failure, and the exit code: 2 for a wrong command line, else 1. */
export function reportError(err: unknown): { text: string; exitCode: number } {
  if (err instanceof UsageError) return { text: `Error: ${err.message}\n\n${usage}`, exitCode: 2 };
  // Already one line naming the variable.
  if (err instanceof ConfigError) return { text: err.message, exitCode: 1 };
  if (err instanceof AppError) return line(withRules(err.message, (err.details as { rules?: string[] } | undefined)?.rules));
  if (err instanceof CliError) return line(withRules(err.message, err.rules));
  if (err instanceof ZodError) return line(err.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
  return unexpected(err);
}

const line = (message: string) => ({ text: `Error: ${message}`, exitCode: 1 });

// Every rule, so that a refusal never prints a rule's bare name.
const ruleText: Record<RefusedPasswordRule, string> = {
  minLength: 'too short',
  lower: 'needs a lower-case letter',
  upper: 'needs an upper-case letter',
  digit: 'needs a digit',
  symbol: 'needs a symbol',
  common: 'too common',
  history: 'used recently',
  identity: 'contains the e-mail address or username',
};

function withRules(message: string, rules: string[] | undefined): string {
  if (!rules?.length) return message;
  return `${message.replace(/\.$/, '')}: ${rules.map((r) => ruleText[r as RefusedPasswordRule] ?? r).join(', ')}.`;
}

/**
 * A system or database error (refused connection, missing database) is one line; anything else is a
 * bug and keeps its stack. Never the query parameters: a failed INSERT would print password hashes.
 */
function unexpected(err: unknown): { text: string; exitCode: number } {
  if (!(err instanceof Error)) return line(String(err));
  const cause = err.cause instanceof Error ? err.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code ?? (err as { code?: unknown }).code;
  const message = (cause ?? err).message.split('\nparams:')[0];
  if (typeof code === 'string') return line(message);
  const stack = (err.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).join('\n');
  return { text: `Error: ${message}\n${stack}`, exitCode: 1 };
}
