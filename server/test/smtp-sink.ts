import { SMTPServer } from 'smtp-server';
import { simpleParser } from './simple-parser.ts';

export type ReceivedMail = { from: string; to: string[]; raw: string; subject: string; text: string };

/** A real SMTP server on loopback that keeps what it receives (the npm smtp-server package). */
export async function startSmtpSink(port = 0): Promise<{ port: number; url: string; mails: ReceivedMail[]; close(): Promise<void>; waitFor(pred: (m: ReceivedMail) => boolean, ms?: number): Promise<ReceivedMail> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...simpleParser(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.server.address() as { port: number }).port;
  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async waitFor(pred, ms = 10_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = mails.find(pred);
        if (found) return found;
        if (Date.now() > deadline) throw new Error('no matching mail arrived');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
