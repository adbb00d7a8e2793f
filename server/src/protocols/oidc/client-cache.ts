import type { AdapterPayload } from 'oidc-provider';
import type { AppRow } from '../../domain/apps/app-store.ts';
import type { StoredOidcSettings } from '../../domain/apps/oidc-client.ts';

/** A client as the provider needs it, and its application as Tessera's access rules read it. */
export type CachedClient = { metadata: AdapterPayload; settings: StoredOidcSettings; app: AppRow };

/** A client read at most this long ago is used as is, even were a change announcement lost. */
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

/** Shared with every request that resolves the client: nothing may change it in place. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * OIDC clients of this process, so a grant does not read its application row every time. An
 * entry goes when its application changes (see domain/apps/app-changes.ts) and after a minute
 * at most. Unknown client ids are never kept: random ids cannot fill the cache.
 */
export function createClientCache(load: (clientId: string) => Promise<CachedClient | undefined>) {
  const entries = new Map<string, { client: CachedClient; until: number }>();
  // Bumped by every change: a read that overlapped one may hold what the change replaced.
  let generation = 0;

  return {
    async get(clientId: string): Promise<CachedClient | undefined> {
      const hit = entries.get(clientId);
      if (hit && hit.until > Date.now()) return hit.client;
      const seen = generation;
      const client = await load(clientId);
      if (!client) entries.delete(clientId);
      else if (seen === generation) {
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
        entries.set(clientId, { client: deepFreeze(client), until: Date.now() + TTL_MS });
      }
      return client;
    },
    forget(clientId: string | null): void {
      generation++;
      if (clientId === null) entries.clear();
      else entries.delete(clientId);
    },
  };
}
export type ClientCache = ReturnType<typeof createClientCache>;
