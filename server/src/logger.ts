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
