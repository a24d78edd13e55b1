import 'server-only';
import { notFound } from 'next/navigation';
import type { Db } from '@agent-studio/database';
import { idParams } from '@agent-studio/core/api';
import { getDb } from './db';

/** A detail page's row by its `[id]`: a malformed or unknown id renders the not-found page. */
export async function rowOr404<T>(
  params: Promise<{ id: string }>,
  get: (db: Db, id: string) => Promise<T | null>,
): Promise<{ db: Db; row: T }> {
  const parsed = idParams.safeParse(await params);
  if (!parsed.success) notFound();
  const db = await getDb();
  const row = await get(db, parsed.data.id);
  if (!row) notFound();
  return { db, row };
}
