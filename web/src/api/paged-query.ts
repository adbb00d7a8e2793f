import { infiniteQueryOptions } from '@tanstack/react-query';
import type { Page } from '../../../contract/list-query.ts';
import { api } from './client.ts';

type Params = Record<string, string | number | null | undefined>;

/** `path?k=v…` with the empty parameters left out. */
export function listUrl(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * A server list read page by page ("Load more"): each page asks for the next with the cursor the
 * previous one returned, until it returns none.
 */
export function pagedQuery<T>(queryKey: readonly unknown[], path: string, params: Params = {}) {
  return infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam }) => api.get<Page<T>>(listUrl(path, { ...params, cursor: pageParam })),
    initialPageParam: '',
    getNextPageParam: (last: Page<T>) => last.nextCursor ?? undefined,
  });
}

/** Every row loaded so far, in order. */
export const loadedItems = <T,>(data: { pages: Page<T>[] } | undefined): T[] => data?.pages.flatMap((p) => p.items) ?? [];
