import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Pages a protocol serves on its own (an auto-post form, oidc-provider's responses): our scripts
 * only, nothing else loaded, no framing. No form-action: browsers check every redirect after a
 * form post against it, and the other party's endpoint does redirect (an ACS to its application,
 * an SLO endpoint back to us, a callback onwards).
 */
export const PROTOCOL_PAGE_CSP = "default-src 'none'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * CSP without inline scripts, no framing, no referrer (pages receive tokens in their fragment).
 * The header set is built once: @fastify/helmet rebuilt helmet (parsing every directive) per request.
 */
export async function installSecurityHeaders(app: FastifyInstance, secure: boolean): Promise<void> {
  const setHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets style attributes at run time; scripts stay strict.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: secure ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (req, reply, done) => setHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined)));
  app.addHook('onSend', async (req, reply) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (req.url.startsWith('/api/') || type.startsWith('text/html')) reply.header('cache-control', 'no-store');
  });
}
