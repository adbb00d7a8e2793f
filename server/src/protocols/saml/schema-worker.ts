// Runs the SAML XSD validator (@authenio/samlify-node-xmllint, libxml2 compiled to asm.js) away
// from the main thread. That build was made for one-shot command-line use: every call adds an
// `uncaughtException` listener holding its whole heap (~1.8 MB, measured) and a `drain` listener
// that calls process.exit, and it prints a blank line to stdout and the caller's XML errors to
// stderr. Here those listeners are removed after each call, and this thread's console is muted
// (it is this thread's alone) so nothing but our JSON logs reaches the process's output.
import { parentPort } from 'node:worker_threads';
import { createRequire } from 'node:module';

for (const method of ['log', 'info', 'warn', 'error'] as const) console[method] = () => {};

const require = createRequire(import.meta.url);
const validator = require('@authenio/samlify-node-xmllint') as { validate(xml: string): Promise<unknown> };

type Job = { id: number; xml: string };

function newListeners<T>(before: T[], after: T[]): T[] {
  return after.filter((l) => !before.includes(l));
}

parentPort?.on('message', async ({ id, xml }: Job) => {
  const exceptionBefore = process.listeners('uncaughtException');
  const drainBefore = process.stdout.listeners('drain');
  let valid = false;
  try {
    await validator.validate(xml);
    valid = true;
  } catch {
    valid = false;
  } finally {
    for (const l of newListeners(exceptionBefore, process.listeners('uncaughtException'))) process.off('uncaughtException', l);
    for (const l of newListeners(drainBefore, process.stdout.listeners('drain'))) process.stdout.off('drain', l as () => void);
  }
  parentPort?.postMessage({ id, valid });
});
