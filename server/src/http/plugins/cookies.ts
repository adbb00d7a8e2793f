import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { MAX_SEALED_LENGTH } from '../../flows/sign-in/sealed-start.ts';

/** `__Host-` pins the cookie to this exact origin over HTTPS (no Domain, Path=/, Secure). */
export function cookieNames(config: Config) {
  const prefix = config.secureCookies ? '__Host-' : '';
  return { session: `${prefix}tessera_session`, flow: `${prefix}tessera_flow` };
}

const base = (config: Config) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies });

export function setCookie(reply: FastifyReply, config: Config, name: 'session' | 'flow', value: string, maxAgeSeconds?: number): void {
  void reply.setCookie(cookieNames(config)[name], value, { ...base(config), ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) });
}

export function clearCookie(reply: FastifyReply, config: Config, name: 'session' | 'flow'): void {
  void reply.clearCookie(cookieNames(config)[name], base(config));
}

// A session id is a random token; a flow may carry its sealed start.
const MAX_LENGTH = { session: 128, flow: MAX_SEALED_LENGTH };

export function readCookie(req: FastifyRequest, config: Config, name: 'session' | 'flow'): string | undefined {
  const value = req.cookies[cookieNames(config)[name]];
  return value && value.length <= MAX_LENGTH[name] ? value : undefined;
}
