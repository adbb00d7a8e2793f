import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; secrets are redacted by path so a careless log call cannot leak them. */
export function createLogger(level: string, pretty = process.stdout.isTTY): Logger {
  return pino({
    level,
    redact: {
      paths: ['password', '*.password', 'newPassword', '*.newPassword', 'token', '*.token', 'req.headers.cookie', 'req.headers.authorization', 'headers.cookie'],
      censor: '[redacted]',
    },
    transport: pretty ? { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } : undefined,
  });
}

/**
 * What of an unexpected error reaches the log: names, messages and the stack, but never query
 * parameters (a failed INSERT would otherwise log password hashes or token hashes).
 */
export function loggableError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const message = err.message.split('\nparams:')[0];
  return { type: err.name, message, stack: err.stack?.split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 8).join('\n'), cause: err.cause ? loggableError(err.cause) : undefined };
}
