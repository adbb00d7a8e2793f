import type pg from 'pg';

/**
 * LISTEN on `channel`: `onNotify` gets each payload after its transaction commits. `onLost` is
 * called when notifications may have been missed (the connection dropped), so a cache can forget
 * everything; listening resumes by itself. Resolves to a function that stops listening.
 */
export type Listen = (channel: string, onNotify: (payload: string) => void, onLost?: () => void) => Promise<() => Promise<void>>;

const RECONNECT_MS = 1_000;

/** Its own connection (not one of the pool's): a LISTEN holds its connection for good. */
export async function listenPostgres(url: string, channel: string, onNotify: (payload: string) => void, onLost?: () => void): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  const { default: pgModule } = await import('pg');
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const lost = (c: pg.Client) => {
    if (client !== c) return;
    client = undefined;
    void c.end().catch(() => {});
    if (stopped) return;
    onLost?.();
    retry = setTimeout(() => void connect().catch(() => {}), RECONNECT_MS);
  };
  const connect = async () => {
    const c = new pgModule.Client({ connectionString: url });
    client = c;
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    c.on('notification', (m) => m.channel === channel && onNotify(m.payload ?? ''));
    try {
      await c.connect();
      await c.query(`listen ${channel}`);
    } catch (err) {
      lost(c);
      throw err;
    }
  };

  await connect().catch((err) => {
    stopped = true;
    clearTimeout(retry);
    throw err;
  });
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const c = client;
    client = undefined;
    await c?.end().catch(() => {});
  };
}
