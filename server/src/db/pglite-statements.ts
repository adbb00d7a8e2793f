import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';

type Parsers = PGlite['parsers'];
type BackendMessage = Awaited<ReturnType<PGlite['execProtocol']>>['messages'][number];
type Query = (text: string, params?: unknown[], options?: QueryOptions) => Promise<Results>;
/** What drizzle's PGlite driver calls on its client: `query`, `exec` and `transaction`. */
export type DrizzleClient = { query: Query; exec: PGlite['exec']; transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> };

const { serialize } = protocol;
/** Named statements kept per database; the least recently used beyond this is closed. */
const DEFAULT_CAPACITY = 500;
// Names are unique in the process, not per wrapper: two wrappers of one database share its namespace.
let seq = 0;

/**
 * The PGlite client drizzle is given. PGlite's own `query` sends six protocol messages one by one
 * (parse, describe, bind, describe, execute, sync), plans the text afresh every time, and copies its
 * whole type-parser table (hundreds of entries once extensions are loaded) for every call that names
 * parsers — which drizzle's does. That was most of the main thread's time per statement. Here a text
 * is parsed and described once as a named statement, and each execution is one batch (bind,
 * execute, sync) read with the row description kept from then, and the parser table merged once. Same locks as PGlite's own `query`, same results, same
 * errors (a DatabaseError carrying the query).
 */
export function pgliteStatements(client: PGlite, capacity = DEFAULT_CAPACITY): DrizzleClient {
  const statements = new Map<string, { name: string; paramTypes: number[]; rows: BackendMessage[] }>();
  const closing: Uint8Array[] = [];
  const parsersBySignature = new Map<string, Parsers>();

  function parsersFor(extra: QueryOptions['parsers']): Parsers {
    if (!extra) return client.parsers;
    // drizzle names the same few types on every call: one merge per set of names.
    const signature = Object.keys(extra).join();
    let merged = parsersBySignature.get(signature);
    if (!merged) parsersBySignature.set(signature, (merged = { ...client.parsers, ...extra }));
    return merged;
  }

  async function exchange(messages: Uint8Array[]) {
    const batch = new Uint8Array(messages.reduce((n, m) => n + m.length, 0));
    let at = 0;
    for (const m of messages) (batch.set(m, at), (at += m.length));
    return (await client.execProtocol(batch, { syncToFs: false })).messages;
  }

  async function statementFor(text: string, options: QueryOptions | undefined) {
    const known = statements.get(text);
    if (known) {
      // Map order is the recency order.
      statements.delete(text);
      statements.set(text, known);
      return known;
    }
    const name = `t${++seq}`;
    const replies = await exchange([...closing.splice(0), serialize.parse({ name, text, types: options?.paramTypes }), serialize.describe({ type: 'S', name }), serialize.sync()]);
    // What its rows look like, as Describe told it once: executions need not ask again.
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(replies), rows: replies.filter((m) => m.name === 'rowDescription') };
    statements.set(text, statement);
    if (statements.size > capacity) {
      const [oldest, { name: old }] = statements.entries().next().value!;
      statements.delete(oldest);
      closing.push(serialize.close({ type: 'S', name: old }));
    }
    return statement;
  }

  async function run(text: string, params: unknown[] = [], options: QueryOptions | undefined, inTransaction: boolean): Promise<Results> {
    try {
      const { name, paramTypes, rows } = await statementFor(text, options);
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const type = paramTypes[i];
        const serializer = options?.serializers?.[type] ?? client.serializers[type];
        return serializer ? serializer(value) : String(value);
      });
      const replies = await exchange([...closing.splice(0), serialize.bind({ statement: name, values }), serialize.execute({}), serialize.sync()]);
      if (!inTransaction) await client.syncToFs();
      return parse.parseResults([...rows, ...replies], parsersFor(options?.parsers), { rowMode: options?.rowMode })[0];
    } catch (err) {
      // As PGlite's own query does, so that logs name the statement that failed.
      if (err instanceof Error && 'code' in err) Object.assign(err, { query: text, params, queryOptions: options });
      throw err;
    }
  }

  return {
    query: (text, params, options) => client._runExclusiveTransaction(() => client._runExclusiveQuery(() => run(text, params, options, false))),
    exec: (text, options) => client.exec(text, options),
    transaction: (fn) =>
      client.transaction((tx) =>
        fn(
          Object.create(tx, {
            query: {
              value: (text: string, params?: unknown[], options?: QueryOptions) => {
                if (tx.closed) throw new Error('Transaction is closed');
                return client._runExclusiveQuery(() => run(text, params, options, true));
              },
            },
          }) as Transaction,
        ),
      ),
  };
}
