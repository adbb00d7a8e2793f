import type { Db } from '../db/open.ts';
import type { Logger } from '../logger.ts';
import { claimDueMails, markMailDone, markMailFailed } from '../mail/outbox.ts';
import type { MailTransport } from '../mail/transport.ts';

export type MailDelivery = { kick(): void; drain(): Promise<number>; stop(): Promise<void> };

/**
 * Delivers the outbox at least once: polls every `intervalMs`, and right away when kicked after an
 * enqueue. Failures are retried with back-off by the outbox itself.
 */
export function startMailDelivery(db: Db, transport: MailTransport, logger: Logger, intervalMs = 2000): MailDelivery {
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = false;

  async function runOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await claimDueMails(db, 20);
      if (batch.length === 0) return total;
      for (const mail of batch) {
        try {
          await transport.send(mail);
          await markMailDone(db, mail.id, transport.kind === 'smtp' ? 'sent' : 'logged');
          total++;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          logger.warn({ mailId: mail.id, attempt: mail.attempts, err: message }, 'mail delivery failed; will retry');
          await markMailFailed(db, mail, message);
        }
      }
    }
  }

  function drain(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = runOnce()
      .catch((err) => {
        if (!stopped) logger.error({ err }, 'mail delivery loop failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          void drain();
        }
      });
    return running;
  }

  const timer = setInterval(() => void drain(), intervalMs);
  timer.unref();
  return {
    kick: () => void drain(),
    drain,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
