import { useEffect, useState } from 'react';
import { takeLinkToken } from './fragment-token.ts';

/**
 * The link token of this page (fragment-token.ts), and the next one when another link is pasted
 * into this same tab: only the fragment changes then, and the page does not load again.
 */
export function useLinkToken(storageKey: string): string | undefined {
  const [token, setToken] = useState(() => takeLinkToken(storageKey));
  useEffect(() => {
    const onHashChange = () => {
      const next = takeLinkToken(storageKey);
      if (next) setToken(next);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [storageKey]);
  return token;
}
