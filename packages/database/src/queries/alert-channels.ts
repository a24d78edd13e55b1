// Alert channels and rules (issue 19). A channel's secret is stored sealed to the bridge's key (the web app
// cannot read it back) and leaves the database only to the bridge that sends (claimDueAlertDeliveries).
import type { Db, Queryable } from '../db';
import { alertRuleByKind, alertRules } from '../alerts/rules';
import { getCheckpoint, setCheckpoint } from './checkpoints';

export const alertChannelKinds = ['telegram', 'slack', 'discord', 'ntfy', 'email', 'openclaw', 'browser'] as const;
export type AlertChannelKind = (typeof alertChannelKinds)[number];

export interface AlertChannelRow {
  id: string;
  name: string;
  kind: AlertChannelKind;
  config: Record<string, unknown>;
  secret_hint: string | null;
  has_secret: boolean;
  enabled: boolean;
  allow_private_network: boolean;
  created_at: Date;
  updated_at: Date;
}

const CHANNEL_COLUMNS =
  'id, name, kind, config, secret_hint, secret_sealed is not null as has_secret, enabled, allow_private_network, created_at, updated_at';

export interface NewAlertChannel {
  name: string;
  kind: AlertChannelKind;
  config: Record<string, unknown>;
  secretSealed: string | null;
  secretHint: string | null;
  allowPrivateNetwork?: boolean;
  enabled?: boolean;
}

export async function createAlertChannel(db: Queryable, c: NewAlertChannel): Promise<AlertChannelRow> {
  const [row] = await db.query<AlertChannelRow>(
    `insert into alert_channels (name, kind, config, secret_sealed, secret_hint, allow_private_network, enabled)
     values ($1, $2, $3, $4, $5, $6, $7) returning ${CHANNEL_COLUMNS}`,
    [
      c.name,
      c.kind,
      JSON.stringify(c.config),
      c.secretSealed,
      c.secretHint,
      c.allowPrivateNetwork ?? false,
      c.enabled ?? true,
    ],
  );
  return row!;
}

export async function listAlertChannels(db: Queryable): Promise<AlertChannelRow[]> {
  return db.query<AlertChannelRow>(`select ${CHANNEL_COLUMNS} from alert_channels order by created_at`);
}

export async function getAlertChannel(db: Queryable, id: string): Promise<AlertChannelRow | null> {
  const [row] = await db.query<AlertChannelRow>(`select ${CHANNEL_COLUMNS} from alert_channels where id = $1`, [id]);
  return row ?? null;
}

/** Changes what is given; a secret is replaced only when a new one is given (never cleared by omission). */
export async function updateAlertChannel(
  db: Queryable,
  id: string,
  patch: Partial<Omit<NewAlertChannel, 'kind'>>,
): Promise<AlertChannelRow | null> {
  const [row] = await db.query<AlertChannelRow>(
    `update alert_channels set name = coalesce($2, name), config = coalesce($3, config),
            secret_sealed = coalesce($4, secret_sealed), secret_hint = coalesce($5, secret_hint),
            allow_private_network = coalesce($6, allow_private_network), enabled = coalesce($7, enabled),
            updated_at = now()
      where id = $1 returning ${CHANNEL_COLUMNS}`,
    [
      id,
      patch.name ?? null,
      patch.config ? JSON.stringify(patch.config) : null,
      patch.secretSealed ?? null,
      patch.secretHint ?? null,
      patch.allowPrivateNetwork ?? null,
      patch.enabled ?? null,
    ],
  );
  return row ?? null;
}

/** Deletes a channel and its delivery log, and takes it off every rule. */
export async function deleteAlertChannel(db: Db, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('update alert_rules set channel_ids = array_remove(channel_ids, $1::uuid)', [id]);
    const rows = await tx.query('delete from alert_channels where id = $1 returning 1', [id]);
    return rows.length === 1;
  });
}

export { quietHoursSchema, type QuietHours } from '@agent-studio/core/alert-channels';
import type { QuietHours } from '@agent-studio/core/alert-channels';

export interface AlertRuleSettings {
  kind: string;
  enabled: boolean;
  channel_ids: string[];
  /** The kind's settings with its defaults filled in. */
  params: Record<string, unknown>;
  quiet_hours: QuietHours | null;
  updated_at: Date | null;
}

/** Every kind in the registry with its stored settings (a kind never saved is off, with default settings). */
export async function listAlertRuleSettings(db: Queryable): Promise<AlertRuleSettings[]> {
  const rows = await db.query<AlertRuleSettings>('select * from alert_rules');
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return alertRules.map((rule) => {
    const row = byKind.get(rule.kind);
    const params = rule.params.safeParse(row?.params ?? {});
    return {
      kind: rule.kind,
      enabled: row?.enabled ?? false,
      channel_ids: row?.channel_ids ?? [],
      params: params.success ? params.data : (rule.params.parse({}) as Record<string, unknown>),
      quiet_hours: row?.quiet_hours ?? null,
      updated_at: row?.updated_at ?? null,
    };
  });
}

export async function getAlertRuleSettings(db: Queryable, kind: string): Promise<AlertRuleSettings | null> {
  return (await listAlertRuleSettings(db)).find((r) => r.kind === kind) ?? null;
}

export async function saveAlertRule(
  db: Queryable,
  kind: string,
  s: { enabled: boolean; channelIds: string[]; params: Record<string, unknown>; quietHours: QuietHours | null },
): Promise<AlertRuleSettings> {
  if (!alertRuleByKind(kind)) throw new Error(`unknown alert rule ${kind}`);
  await db.query(
    `insert into alert_rules (kind, enabled, channel_ids, params, quiet_hours) values ($1, $2, $3, $4, $5)
     on conflict (kind) do update set enabled = excluded.enabled, channel_ids = excluded.channel_ids,
       params = excluded.params, quiet_hours = excluded.quiet_hours, updated_at = now()`,
    [kind, s.enabled, s.channelIds, JSON.stringify(s.params), s.quietHours ? JSON.stringify(s.quietHours) : null],
  );
  return (await getAlertRuleSettings(db, kind))!;
}

export interface AlertSealingKey {
  publicKey: string;
  keyId: string;
}

/** The bridge publishes the public key channel secrets are sealed to (the private one never leaves it). */
export async function publishAlertSealingKey(db: Queryable, key: AlertSealingKey): Promise<void> {
  await setCheckpoint(db, 'alerts', 'sealing-key', key);
}

/** The bridge's VAPID public key: what a browser subscribes to Web Push with. */
export async function publishAlertVapidKey(db: Queryable, publicKey: string): Promise<void> {
  await setCheckpoint(db, 'alerts', 'vapid', { publicKey });
}

export async function getAlertVapidKey(db: Queryable): Promise<string | null> {
  return (await getCheckpoint<{ publicKey: string }>(db, 'alerts', 'vapid'))?.publicKey ?? null;
}

export async function getAlertSealingKey(db: Queryable): Promise<AlertSealingKey | null> {
  return getCheckpoint<AlertSealingKey>(db, 'alerts', 'sealing-key');
}
