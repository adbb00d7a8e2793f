import { useCallback, useRef, useState } from 'react';

/**
 * One submit at a time: each submit that gets through a double click or a second Enter creates
 * another API key (whose secret is never shown), group or application. `pending` disables the
 * button; the ref also refuses a second submit that lands before React has re-rendered it.
 */
export function useSingleSubmit() {
  const running = useRef(false);
  const [pending, setPending] = useState(false);
  const run = useCallback(async (work: () => Promise<unknown>): Promise<void> => {
    if (running.current) return;
    running.current = true;
    setPending(true);
    try {
      await work();
    } finally {
      running.current = false;
      setPending(false);
    }
  }, []);
  return { pending, run };
}
