import 'server-only';
import { z } from 'zod';
import type { Queryable } from '@agent-studio/database';
import { getDb } from '../db';
import { notFound } from './errors';

const uuid = z.string().uuid();

/** The row a mutation acts on, or `not_found` named by `what` (an id that is no uuid names no row). */
export async function existing<T>(
  what: string,
  id: string,
  get: (db: Queryable, id: string) => Promise<T | null>,
): Promise<T> {
  const row = uuid.safeParse(id).success ? await get(await getDb(), id) : null;
  if (!row) throw notFound(what);
  return row;
}
