import { z } from 'zod';
import path from 'node:path';
import { parseOutboundNetworks, type OutboundNetwork } from './protocols/outbound/outbound-networks.ts';

const optionalUrl = z.url().optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl.refine((u) => !u || /^postgres(ql)?:/.test(u), 'must be a postgres:// URL'),
  REDIS_URL: optionalUrl.refine((u) => !u || /^rediss?:/.test(u), 'must be a redis:// URL'),
  SMTP_URL: optionalUrl.refine((u) => !u || /^smtps?:/.test(u), 'must be an smtp:// or smtps:// URL'),
  MAIL_FROM: z.string().min(3).default('Tessera <no-reply@localhost>'),
  TESSERA_SECRET: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
    .optional(),
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().optional(),
  OUTBOUND_ALLOW: z
    .string()
    .default('')
    .transform((list, ctx) => {
      try {
        return parseOutboundNetworks(list);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  /** Read by `tessera setup` only: the first administrator's password, for unattended installs. */
  TESSERA_ADMIN_PASSWORD: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  publicUrl: string;
  secureCookies: boolean;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  smtpUrl?: string;
  mailFrom: string;
  secretHex?: string;
  workers: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** false, or the list of proxy addresses/CIDRs whose X-Forwarded-For is believed. */
  trustProxy: false | string[];
  /** Private networks (beside public addresses) that outgoing calls may reach: applications on an intranet. */
  outboundAllow: OutboundNetwork[];
  /** `tessera setup` only (TESSERA_ADMIN_PASSWORD); the server never reads it. */
  adminPassword?: string;
};

export class ConfigError extends Error {}

/** The only reader of process.env. A bad value stops the start with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${String(issue.path[0])} ${issue.message}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const trustProxy = e.TRUST_PROXY ? e.TRUST_PROXY.split(',').map((s) => s.trim()).filter(Boolean) : [];
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    secretHex: e.TESSERA_SECRET,
    workers: e.WORKERS,
    logLevel: e.LOG_LEVEL,
    trustProxy: trustProxy.length ? trustProxy : false,
    outboundAllow: e.OUTBOUND_ALLOW,
    adminPassword: e.TESSERA_ADMIN_PASSWORD || undefined,
  };
}
