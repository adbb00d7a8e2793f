import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from '../logger.ts';
import type { HttpDeps } from './deps.ts';
import { installErrorHandler, installNotFoundHandler } from './plugins/error-handler.ts';
import { installRequestGuards } from './plugins/request-guards.ts';
import { installSecurityHeaders } from './plugins/security-headers.ts';
import { installRateLimit } from './plugins/rate-limit.ts';
import { installOpenApi } from './plugins/openapi.ts';
import { healthRoutes } from './health-routes.ts';
import { signInRoutes } from './auth/sign-in-routes.ts';
import { passwordResetRoutes } from './auth/password-reset-routes.ts';
import { invitationRoutes } from './auth/invitation-routes.ts';
import { sessionRoutes } from './session/session-routes.ts';
import { setupRoutes } from './setup/setup-routes.ts';
import { adminInvitationRoutes } from './admin/invitation-routes.ts';
import { adminUserRoutes } from './admin/user-routes.ts';
import { adminUserMfaRoutes } from './admin/user-mfa-routes.ts';
import { myMfaRoutes } from './me/mfa-routes.ts';
import { myAccountRoutes } from './me/account-routes.ts';
import { myProfileRoutes } from './me/profile-routes.ts';
import { mySshKeyRoutes } from './me/ssh-key-routes.ts';
import { myAppRoutes } from './me/app-routes.ts';
import { adminAppRoutes } from './admin/app-routes.ts';
import { adminPolicyRoutes } from './admin/policy-routes.ts';
import { adminAuditRoutes } from './admin/audit-routes.ts';
import { adminApiKeyRoutes } from './admin/api-key-routes.ts';
import { adminMailRoutes } from './admin/mail-routes.ts';
import { brandingRoutes } from './admin/branding-routes.ts';
import { localRoutes } from './local/local-routes.ts';
import { adminOidcAppRoutes } from './admin/oidc-app-routes.ts';
import { myStepUpRoutes } from './me/step-up-routes.ts';
import { createProviderHolder } from '../protocols/oidc/provider-holder.ts';
import { startSamlBackChannelLogout } from '../protocols/saml/back-channel-logout.ts';
import { oidcRoutes } from '../protocols/oidc/oidc-routes.ts';
import { oidcInteractionRoutes } from '../protocols/oidc/interaction-routes.ts';
import { webRoutes } from './web/web-routes.ts';
import { adminSamlAppRoutes } from './admin/saml-app-routes.ts';
import { samlSsoRoutes } from '../protocols/saml/sso-routes.ts';
import { adminBookmarkAppRoutes } from './admin/bookmark-app-routes.ts';
import { adminAppAssignmentRoutes } from './admin/app-assignment-routes.ts';
import { DEFAULT_BODY_LIMIT } from './body-limit.ts';

/** Every route plugin, in one explicit list (no directory autoload). */
const routes = [healthRoutes, signInRoutes, passwordResetRoutes, invitationRoutes, sessionRoutes, setupRoutes, adminInvitationRoutes, adminUserRoutes, adminUserMfaRoutes, myMfaRoutes, myAccountRoutes, myProfileRoutes, mySshKeyRoutes, myAppRoutes, adminAppRoutes, adminPolicyRoutes, adminAuditRoutes, adminApiKeyRoutes, adminMailRoutes, brandingRoutes, localRoutes, adminOidcAppRoutes, myStepUpRoutes, adminSamlAppRoutes, samlSsoRoutes, adminBookmarkAppRoutes, adminAppAssignmentRoutes];

export async function buildApp(deps: HttpDeps, opts: { logger: Logger; webDist?: string }): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    // The client address comes from the socket unless a configured proxy vouches for it.
    trustProxy: deps.config.trustProxy === false ? false : deps.config.trustProxy,
    bodyLimit: DEFAULT_BODY_LIMIT,
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installRequestGuards(app, deps.config.publicUrl);
  await installSecurityHeaders(app, deps.config.secureCookies);
  await app.register(cookie);
  const closeRateLimit = await installRateLimit(app, deps.config.redisUrl);
  app.addHook('onClose', closeRateLimit);
  await installOpenApi(app, deps.config.publicUrl);
  for (const plugin of routes) await app.register(async (scope) => plugin(scope, deps));
  // The OpenID Connect issuer and its interactions share one provider per process.
  const oidc = await createProviderHolder(deps, app.log);
  app.addHook('onClose', () => oidc.close());
  const samlBackChannel = startSamlBackChannelLogout(deps);
  app.addHook('onClose', () => samlBackChannel.stop());
  for (const plugin of [oidcRoutes, oidcInteractionRoutes]) await app.register(async (scope) => plugin(scope, deps, oidc));
  installNotFoundHandler(app, opts.webDist ? await webRoutes(app, opts.webDist) : undefined);
  return app;
}
