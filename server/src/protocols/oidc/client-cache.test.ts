import { describe, expect, it } from 'vitest';
import { createClientCache, type CachedClient } from './client-cache.ts';

const clientOf = (v: string) => ({ metadata: { client_id: 'a', v }, settings: {}, app: { orgId: 'o' } }) as unknown as CachedClient;

describe('OIDC client cache', () => {
  it('reads an application once, and again once it is forgotten', async () => {
    let reads = 0;
    const cache = createClientCache(async () => clientOf(String(++reads)));
    expect((await cache.get('a'))?.metadata.v).toBe('1');
    expect((await cache.get('a'))?.metadata.v).toBe('1');
    // Shared by every request that resolves it: frozen, so nothing changes it in place.
    expect(Object.isFrozen((await cache.get('a'))!.metadata)).toBe(true);
    cache.forget('a');
    expect((await cache.get('a'))?.metadata.v).toBe('2');
    cache.forget(null);
    expect((await cache.get('a'))?.metadata.v).toBe('3');
  });

  it('does not keep what a read returned when a change was announced while it ran', async () => {
    let release!: () => void;
    let reads = 0;
    const cache = createClientCache(async () => {
      reads++;
      if (reads === 1) await new Promise<void>((r) => (release = r));
      return clientOf(String(reads));
    });
    const slow = cache.get('a');
    await Promise.resolve();
    cache.forget('a');
    release();
    expect((await slow)?.metadata.v).toBe('1');
    expect((await cache.get('a'))?.metadata.v).toBe('2');
  });

  it('never keeps unknown client ids', async () => {
    let reads = 0;
    const cache = createClientCache(async () => (reads++, undefined));
    await cache.get('nope');
    await cache.get('nope');
    expect(reads).toBe(2);
  });
});
