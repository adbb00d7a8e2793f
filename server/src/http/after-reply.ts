import type { FastifyReply } from 'fastify';
import { loggableError, type Logger } from '../logger.ts';

/**
 * Work a request does once its answer has gone out, so that the answer's timing cannot tell what
 * the work found (whether an address has an account). Kept track of: the server waits for it before
 * it closes the database, and tests wait for it before they look at what it wrote.
 */
export type AfterReply = { run(reply: FastifyReply, what: string, work: () => Promise<void>): void; settled(): Promise<void> };

export function createAfterReply(logger: Logger): AfterReply {
  const pending = new Set<Promise<void>>();
  return {
    run(reply, what, work) {
      // 'close' comes once the answer is written, or the client went away: either way, not before.
      const answered = new Promise<void>((resolve) => reply.raw.once('close', resolve));
      const done: Promise<void> = answered
        .then(work)
        // Nobody is waiting for an answer any more: a failure is only logged.
        .catch((err: unknown) => logger.error({ err: loggableError(err) }, `${what} failed after its answer was sent`))
        .finally(() => pending.delete(done));
      pending.add(done);
    },
    async settled() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}
