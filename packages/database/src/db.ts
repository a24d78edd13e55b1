// One interface over both drivers. Query modules take a `Queryable` (the db or a transaction) first.

export interface Queryable {
  /** Parameterized query ($1, $2, ...): rows typed by the caller. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * Inside a transaction only: work to run after `fn`, just before the commit, in the order given (the event
   * outbox's insert, so that its lock is held through the commit alone).
   */
  beforeCommit?(work: () => Promise<void>): void;
}

export interface Tx extends Queryable {
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Tx {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel; resolves once listening, to a function that stops it. A payload of '' means the
   * listening connection was re-established and notifications may have been missed: catch up from the table.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * Both drivers return the same JS types: int8 as string (ids past 2^53 stay exact), numeric as number,
 * timestamptz as Date, jsonb parsed. Type OIDs from pg_type.
 */
export const TYPE_OIDS = { int8: 20, numeric: 1700 } as const;
export const parseNumeric = (value: string): number => Number(value);

/** Runs `fn` on a transaction's `tx`, then the work it left for just before the commit. */
export async function runTransaction<T>(tx: Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const last: (() => Promise<void>)[] = [];
  const result = await fn({ ...tx, beforeCommit: (work) => void last.push(work) });
  for (const work of last) await work();
  return result;
}
