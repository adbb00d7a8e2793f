import type Provider from 'oidc-provider';
import type { FastifyBaseLogger } from 'fastify';
import { loggableError } from '../../logger.ts';
import { ensureOidcKeys, loadOidcJwks } from '../../domain/signing-keys/oidc-keys.ts';
import type { HttpDeps } from '../../http/deps.ts';
import { createOidcProvider } from './provider.ts';
import { createClientCache, type ClientCache } from './client-cache.ts';
import { findAppById } from '../../domain/apps/app-store.ts';
import { oidcSettingsOf, toClientMetadata } from '../../domain/apps/oidc-client.ts';
import { APP_CHANGED_CHANNEL, onAppChanged } from '../../domain/apps/app-changes.ts';
import { onSignedOut } from '../../domain/sessions/signed-out.ts';
import { endProviderSessions } from './end-provider-sessions.ts';

type Served = { provider: Provider; callback: ReturnType<Provider['callback']>; clients: ClientCache };
export type ProviderHolder = { current(): Promise<Served>; close(): Promise<void> };

type Log = Pick<FastifyBaseLogger, 'error'>;

function serve(provider: Provider, clients: ClientCache, log: Log): Served {
  // The provider answers its own failures with a bare "server_error" and logs nothing: without
  // this, a 500 on /oidc leaves no trace of what failed.
  provider.on('server_error', (ctx: { path?: string; oidc?: { route?: string } }, err: unknown) => {
    log.error({ err: loggableError(err), route: ctx.oidc?.route, path: ctx.path }, 'OpenID Connect request failed');
  });
  return { provider, callback: provider.callback(), clients };
}

const KEY_CHECK_MS = 60_000;

/**
 * The provider of this process, rebuilt when the signing keys change (`tessera keys rotate` run
 * elsewhere): every process picks up new keys within a minute. Everything else the provider needs
 * lives in the database, so a rebuilt instance carries on every interaction, code and token.
 * The client cache outlives rebuilds; it forgets an application when any process changes it.
 */
export async function createProviderHolder(deps: HttpDeps, log: Log): Promise<ProviderHolder> {
  await ensureOidcKeys(deps.db, deps.masterKey);
  const clients = createClientCache(async (clientId) => {
    const app = await findAppById(deps.db, clientId);
    const settings = app && oidcSettingsOf(app);
    return app && settings ? { metadata: toClientMetadata(app, settings), settings, app } : undefined;
  });
  const stopLocal = onAppChanged((id) => clients.forget(id));
  const stopListening = await deps.listen(APP_CHANGED_CHANNEL, (id) => clients.forget(id || null), () => clients.forget(null));
  let jwks = await loadOidcJwks(deps.db, deps.masterKey);
  let served = serve(createOidcProvider(deps, jwks, clients), clients, log);
  let checkedAt = Date.now();
  let checking: Promise<void> | undefined;
  const stopSignedOut = onSignedOut((ended) => endProviderSessions(served.provider, deps.db, ended, async (id) => (await clients.get(id))?.app.orgId));

  const refresh = async () => {
    const next = await loadOidcJwks(deps.db, deps.masterKey);
    if (next.fingerprint !== jwks.fingerprint) {
      jwks = next;
      served = serve(createOidcProvider(deps, jwks, clients), clients, log);
    }
    checkedAt = Date.now();
  };

  return {
    async current() {
      if (Date.now() - checkedAt > KEY_CHECK_MS) {
        checking ??= refresh().finally(() => (checking = undefined));
        await checking;
      }
      return served;
    },
    async close() {
      stopLocal();
      stopSignedOut();
      await stopListening();
    },
  };
}
