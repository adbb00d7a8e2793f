import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A protocol endpoint that other sites post to by design (OAuth token requests, SAML POST
     * binding). It carries its own proof — client authentication, PKCE, a signed or cached request —
     * and never acts on the Tessera session cookie alone, so the CSRF rule below does not apply.
     */
    protocolEndpoint?: boolean;
    /**
     * A page a browser is sent to by another site (an SSO or logout request): a refusal it
     * navigated to is shown as Tessera's error page, not as the JSON an API client reads.
     */
    browserPage?: boolean;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF defence for cookie-authenticated state changes: only JSON bodies (a cross-site HTML form
 * cannot send one without a CORS preflight) and only same-origin browsers. Non-browser clients send
 * neither Origin nor Sec-Fetch-Site and cannot ride a victim's cookies.
 */
export function installRequestGuards(app: FastifyInstance, publicUrl: string): void {
  // Fastify parses text/plain by default; a cross-site form could post it without preflight.
  app.removeContentTypeParser(['text/plain']);
  const ownOrigin = new URL(publicUrl).origin;

  app.addHook('onRequest', async (req) => {
    if (!MUTATING.has(req.method) || req.routeOptions.config?.protocolEndpoint) return;
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    if (origin !== undefined && origin !== ownOrigin) {
      throw new AppError('request.cross_origin', 'Requests from other sites are refused.');
    }
    if (origin === undefined && site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw new AppError('request.cross_origin', 'Requests from other sites are refused.');
    }
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) {
      throw new AppError('request.unsupported_media_type', 'Send a JSON body (Content-Type: application/json).');
    }
  });
}
