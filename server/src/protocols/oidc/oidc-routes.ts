import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../../http/deps.ts';
import { OIDC_PATH } from './provider.ts';
import type { ProviderHolder } from './provider-holder.ts';
import { inProviderRequest } from './adapter.ts';
import { PROTOCOL_PAGE_CSP } from '../../http/plugins/security-headers.ts';

/**
 * Hands every request under /oidc to oidc-provider. The form body is the provider's to parse, and
 * the host, scheme and client address it sees are ours: PUBLIC_URL (so discovery and redirects
 * never follow a forged Host header) and the socket address Fastify vouches for.
 */
export async function oidcRoutes(app: FastifyInstance, deps: HttpDeps, holder: ProviderHolder): Promise<void> {
  const publicUrl = new URL(deps.config.publicUrl);
  // Read here, within the provider's own 56 KiB bound, so that NUL is refused before the provider
  // sees it (refuse-nul.ts); the provider then parses this buffer, which it takes from req.body.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: 56 * 1024 }, (_req, body, done) => done(null, body));

  const handler = async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const { callback } = await holder.current();
    const raw = req.raw as typeof req.raw & { originalUrl?: string; body?: unknown };
    raw.originalUrl = req.url;
    if (Buffer.isBuffer(req.body)) raw.body = req.body;
    raw.url = req.url.slice(OIDC_PATH.length) || '/';
    raw.headers['x-forwarded-host'] = publicUrl.host;
    raw.headers['x-forwarded-proto'] = publicUrl.protocol.slice(0, -1);
    raw.headers['x-forwarded-for'] = req.ip;
    // Not the web app's CSP: its form-action 'self' would stop the response_mode=form_post page
    // posting the code to the application (oidc-provider adds that page's script hash itself).
    reply.raw.setHeader('content-security-policy', PROTOCOL_PAGE_CSP);
    reply.hijack();
    void inProviderRequest(() => callback(raw, reply.raw));
  };
  app.all(`${OIDC_PATH}/*`, { config: { protocolEndpoint: true }, schema: { hide: true } }, handler);
}
