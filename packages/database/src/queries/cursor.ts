// Opaque keyset cursors over (timestamp desc, id desc): stable pages on tables that grow while being read.
import { isStorableDate } from '@agent-studio/core/storable-date';

export class InvalidCursorError extends Error {
  readonly code = 'INVALID_CURSOR';
  constructor() {
    super('The cursor is not one this API gave out (copy nextCursor from the previous page).');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');

export function decodeCursor(cursor: string): [Date, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  // only what encodeCursor writes: Date would also read "2024-02-30" (as March 1st) or a bare year
  if (!id || !UUID.test(id) || !isStorableDate(date) || date.toISOString() !== at) throw new InvalidCursorError();
  return [date, id];
}
