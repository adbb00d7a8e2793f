const STOP_TIMEOUT_MS = 10_000;

/**
 * SIGINT and SIGTERM stop the process cleanly, once. Repeated signals are ignored: under `npm
 * start` one Ctrl-C arrives twice (from the terminal and forwarded by npm). A signal during
 * start-up waits for `started()`; a stop that hangs is cut short.
 */
export function stopOnSignal(): { started(stop: () => Promise<void>): void } {
  let stop: (() => Promise<void>) | undefined;
  let requested = false;

  const run = (fn: () => Promise<void>) => {
    setTimeout(() => {
      process.stderr.write(`Did not stop within ${STOP_TIMEOUT_MS / 1000} s; exiting.\n`);
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    fn().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`Error while stopping: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  const onSignal = () => {
    if (requested) return;
    requested = true;
    if (stop) run(stop);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  return {
    started(fn) {
      stop = fn;
      if (requested) run(fn);
    },
  };
}
