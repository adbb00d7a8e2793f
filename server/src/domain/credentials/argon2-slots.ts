/**
 * At most `slots` pieces of work at once, the rest waiting in arrival order. A finishing one hands its
 * slot straight to the next in line, so a newcomer never overtakes the queue.
 */
export function createSlots(slots: number): <T>(work: () => Promise<T>) => Promise<T> {
  let busy = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (busy >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    else busy++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else busy--;
    }
  };
}
