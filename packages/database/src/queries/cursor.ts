// Opaque keyset cursors over (timestamp desc, id desc), or (numbers…, timestamp desc, id desc): stable pages on
// tables that grow while being read, each as fast as the first (no offset to skip).
import { isStorableDate } from '@agent-studio/core/storable-date';

export class InvalidCursorError extends Error {
  readonly code = 'INVALID_CURSOR';
  constructor() {
    super('The cursor is not one this API gave out (copy nextCursor from the previous page).');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `at`: the row's timestamp as `cursorTime` selects it (a Date keeps milliseconds only: see there). */
export const encodeCursor = (at: string | Date, id: string) =>
  Buffer.from(`${typeof at === 'string' ? at : at.toISOString()}|${id}`).toString('base64url');

/** The timestamp (ISO text, to the millisecond or microsecond, for a `::timestamptz` parameter) and id. */
export function decodeCursor(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!id || !UUID.test(id) || !isCursorTime(at ?? '')) throw new InvalidCursorError();
  return [at!, id];
}

const TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})(\d{3})?Z$/;

/** Only what the cursors write: Date would also read "2024-02-30" (as March 1st) or a bare year. */
function isCursorTime(at: string): boolean {
  const ms = TIME.exec(at)?.[1];
  const date = new Date(`${ms}Z`);
  return Boolean(ms) && isStorableDate(date) && date.toISOString() === `${ms}Z`;
}

/**
 * The SQL of a timestamp column as the cursor keeps it: to the microsecond, in UTC. A JavaScript Date keeps
 * milliseconds only, so rows sharing a millisecond past a page's last row would be skipped.
 */
export const cursorTime = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const KEY = /^-?\d{1,9}$/;

/** A cursor for an order named `kind`: its leading integer keys, then the row's timestamp (from `cursorTime`) and id. */
export const encodeKeyCursor = (kind: string, keys: readonly number[], at: string, id: string) =>
  Buffer.from([kind, ...keys, at, id].join('|')).toString('base64url');

/** Refuses a cursor of another order (another `kind` or number of keys) or anything `encodeKeyCursor` would not write. */
export function decodeKeyCursor(
  cursor: string,
  kind: string,
  keyCount: number,
): { keys: number[]; at: string; id: string } {
  const parts = Buffer.from(cursor, 'base64url').toString().split('|');
  if (parts.length !== keyCount + 3 || parts[0] !== kind) throw new InvalidCursorError();
  const keys = parts.slice(1, 1 + keyCount);
  const [at, id] = parts.slice(1 + keyCount) as [string, string];
  if (!isCursorTime(at) || !UUID.test(id) || !keys.every((k) => KEY.test(k))) throw new InvalidCursorError();
  return { keys: keys.map(Number), at, id };
}
