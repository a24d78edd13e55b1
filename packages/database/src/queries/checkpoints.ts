import type { Queryable } from '../db';

export async function getCheckpoint<T>(db: Queryable, source: string, key: string): Promise<T | null> {
  const [row] = await db.query<{ value: T }>('select value from bridge_checkpoints where source = $1 and key = $2', [
    source,
    key,
  ]);
  return row?.value ?? null;
}

export async function setCheckpoint(db: Queryable, source: string, key: string, value: unknown): Promise<void> {
  await db.query(
    `insert into bridge_checkpoints (source, key, value) values ($1, $2, $3)
     on conflict (source, key) do update set value = excluded.value, updated_at = now()`,
    [source, key, JSON.stringify(value)],
  );
}

export async function deleteCheckpoint(db: Queryable, source: string, key: string): Promise<void> {
  await db.query('delete from bridge_checkpoints where source = $1 and key = $2', [source, key]);
}
