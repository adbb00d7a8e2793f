import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';

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

export function readCookie(req: FastifyRequest, config: Config, name: 'session' | 'flow'): string | undefined {
  const value = req.cookies[cookieNames(config)[name]];
  return value && value.length <= 128 ? value : undefined;
}
