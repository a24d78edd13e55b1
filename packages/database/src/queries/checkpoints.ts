// Where each bridge source got to, per gateway (migration 0034): a bridge reads and moves only its own
// gateway's. The studio-wide ones (alert keys, the webhook cursor, the watchdog) are on the default gateway.
import type { Queryable } from '../db';
import { DEFAULT_GATEWAY_ID } from './gateways';

export async function getCheckpoint<T>(
  db: Queryable,
  source: string,
  key: string,
  gatewayId = DEFAULT_GATEWAY_ID,
): Promise<T | null> {
  const [row] = await db.query<{ value: T }>(
    'select value from bridge_checkpoints where gateway_id = $1 and source = $2 and key = $3',
    [gatewayId, source, key],
  );
  return row?.value ?? null;
}

export async function setCheckpoint(
  db: Queryable,
  source: string,
  key: string,
  value: unknown,
  gatewayId = DEFAULT_GATEWAY_ID,
): Promise<void> {
  await db.query(
    `insert into bridge_checkpoints (gateway_id, source, key, value) values ($1, $2, $3, $4)
     on conflict (gateway_id, source, key) do update set value = excluded.value, updated_at = now()`,
    [gatewayId, source, key, JSON.stringify(value)],
  );
}

export async function deleteCheckpoint(
  db: Queryable,
  source: string,
  key: string,
  gatewayId = DEFAULT_GATEWAY_ID,
): Promise<void> {
  await db.query('delete from bridge_checkpoints where gateway_id = $1 and source = $2 and key = $3', [
    gatewayId,
    source,
    key,
  ]);
}
