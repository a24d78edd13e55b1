import pg from 'pg';
import { TYPE_OIDS, parseNumeric, runTransaction, type Db, type Tx } from '../db';

const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === TYPE_OIDS.int8) return (v: string) => v;
    if (oid === TYPE_OIDS.numeric) return parseNumeric;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * Real Postgres (Supabase included) through a pool. LISTEN uses one dedicated connection per process that
 * reconnects by itself and re-issues its LISTENs, so a database restart does not silence live updates.
 */
export async function openPostgres(
  url: string,
  opts: { max?: number; connectTimeoutMs?: number; idleInTransactionMs?: number } = {},
): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    types,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 0,
    ...(opts.idleInTransactionMs ? { idle_in_transaction_session_timeout: opts.idleInTransactionMs } : {}),
  });
  pool.on('error', () => {}); // an idle client lost (e.g. server restart): the pool replaces it
  await pool.query('select 1');

  const asTx = (q: pg.Pool | pg.PoolClient): Tx => ({
    async query<R>(sql: string, params?: readonly unknown[]) {
      const res = await q.query(sql, params as unknown[] | undefined);
      return res.rows as R[];
    },
    async exec(sql) {
      await q.query(sql); // no parameters: the simple protocol, several statements allowed
    },
  });
  const listener = new Listener(url);

  return {
    kind: 'postgres',
    ...asTx(pool),
    async transaction(fn) {
      const client = await pool.connect();
      // the server going away between two statements is an 'error' event on the checked-out client (no
      // query to reject): without a listener it would kill the process; the next statement fails instead
      let broken: Error | undefined;
      const onError = (err: Error) => (broken = err);
      client.on('error', onError);
      try {
        await client.query('begin');
        const result = await runTransaction(asTx(client), fn);
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        broken ??= isConnectionError(err) ? (err as Error) : undefined;
        throw err;
      } finally {
        client.off('error', onError);
        client.release(broken); // a broken connection is discarded, not handed out again
      }
    },
    listen: (channel, onNotify) => listener.listen(channel, onNotify),
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}

/** A failure of the connection itself (rather than of a statement): the client is not reused. */
const isConnectionError = (err: unknown) => !(err instanceof pg.DatabaseError) || /^(08|57P)/.test(err.code ?? '');

type Handler = (payload: string) => void;

class Listener {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();
  private closed = false;

  constructor(private readonly url: string) {}

  async listen(channel: string, onNotify: Handler): Promise<() => Promise<void>> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      const client = await this.connect();
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    } else {
      await this.connect();
    }
    set.add(onNotify);
    return async () => {
      set.delete(onNotify);
      if (set.size === 0 && this.handlers.get(channel) === set) {
        this.handlers.delete(channel);
        await this.client?.query(`unlisten ${pg.escapeIdentifier(channel)}`).catch(() => {});
      }
    };
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on('notification', (n) => {
        for (const h of this.handlers.get(n.channel) ?? []) h(n.payload ?? '');
      });
      client.on('error', () => this.lost(client));
      client.on('end', () => this.lost(client));
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** The connection dropped: reconnect with backoff, re-listen, then wake every handler with '' so it catches up. */
  private lost(client: pg.Client) {
    if (this.client !== client) return;
    this.client = null;
    const retry = (delay: number) => {
      if (this.closed || this.handlers.size === 0) return;
      setTimeout(() => {
        if (this.closed) return;
        this.connect().then(
          () => this.handlers.forEach((set) => set.forEach((h) => h(''))),
          () => retry(Math.min(delay * 2, 5000)),
        );
      }, delay).unref();
    };
    retry(100);
  }

  async close() {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
