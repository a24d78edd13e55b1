// Least privilege for remote bridges (issue 18, step 4): a Postgres role with only the rights one gateway's bridge
// work needs (gateway-work.ts and what it calls: the mirror, its commands, checkpoints, leases, the events outbox,
// the gateway's row, content import). It cannot read the owner, sessions, tokens, webhooks or alert channels, so
// the studio-wide workers (which need webhook and alert-channel secrets) stay with a bridge whose role can: the
// studio's own. `agent-studio bridge-role <name>` creates or updates it, run by the owner; a bridge on such a
// role does not migrate, it checks that the schema and its grants are those of its code.
import type { Db, Queryable } from './db';
import { DatabaseNewerError, loadMigrations } from './migrate';

type Right = 'select' | 'insert' | 'update' | 'delete';

export interface BridgeGrant {
  table: string;
  /** Table-wide rights, or a right on some columns only: `insert (name)`. */
  rights: readonly (Right | `${Right} (${string})`)[];
  why: string;
  /**
   * The rows of a role limited to one gateway, as a policy's condition (`$gateway`: the gateway's id); none: every
   * row (what it writes there names no gateway).
   */
  rows?: string;
}

const OF_GATEWAY = 'gateway_id = $gateway';

/** Every right a bridge role has, table by table, and why it needs it. Nothing else is granted. */
export const BRIDGE_GRANTS: readonly BridgeGrant[] = [
  { table: 'schema_migrations', rights: ['select'], why: 'checks the schema is the version its code knows' },
  {
    table: 'gateways',
    rights: ['select', 'insert (name)', 'update'],
    why: 'finds or creates its gateway by name (--gateway), records what it sees of it and that it serves it',
    rows: 'id = $gateway',
  },
  {
    table: 'bridge_leases',
    rights: ['select', 'insert', 'update', 'delete'],
    why: 'takes, renews, releases its lease',
    rows: "key = 'gateway:' || $gateway",
  },
  {
    table: 'bridge_checkpoints',
    rights: ['select', 'insert', 'update', 'delete'],
    why: "where the mirror and the sources got to (the gateway's status, cursors, the exec spool)",
    rows: OF_GATEWAY,
  },
  {
    table: 'commands',
    rights: ['select', 'update'],
    why: "claims, finishes and re-queues its gateway's commands",
    rows: OF_GATEWAY,
  },
  {
    table: 'activity',
    rights: ['select', 'update'],
    why: "a command's pending activity entry gets its outcome",
    rows: 'command_id in (select id from commands)',
  },
  // select on id only: `returning id` (events can carry what other parts of the studio did)
  {
    table: 'events',
    rights: ['insert', 'select (id)'],
    why: 'every change is an event in the outbox (and its NOTIFY)',
  },
  {
    table: 'cron_jobs',
    rights: ['select', 'insert', 'update'],
    why: 'the mirror: jobs, host-cron jobs',
    rows: OF_GATEWAY,
  },
  { table: 'cron_runs', rights: ['select', 'insert', 'update'], why: 'the mirror: runs, exec runs', rows: OF_GATEWAY },
  { table: 'agent_sessions', rights: ['select', 'insert', 'update'], why: 'the mirror: sessions', rows: OF_GATEWAY },
  {
    table: 'agent_logs',
    rights: ['select', 'insert', 'update'],
    why: 'the mirror: transcripts and run logs',
    rows: OF_GATEWAY,
  },
  // the roll-up triggers on runs and sessions run with the rights of whoever writes those
  { table: 'cron_run_totals', rights: ['insert'], why: 'roll-up trigger of cron_runs', rows: OF_GATEWAY },
  { table: 'cron_run_rollups', rights: ['insert'], why: 'roll-up trigger of cron_runs', rows: OF_GATEWAY },
  { table: 'agent_session_totals', rights: ['insert'], why: 'roll-up trigger of agent_sessions', rows: OF_GATEWAY },
  { table: 'agent_session_rollups', rights: ['insert'], why: 'roll-up trigger of agent_sessions', rows: OF_GATEWAY },
  {
    table: 'gtm_outputs',
    rights: ['select', 'insert', 'update'],
    why: 'content imported from the GTM folder; the publish command',
    rows: OF_GATEWAY,
  },
  {
    table: 'gtm_revisions',
    rights: ['insert', 'select (output_id, revision)'],
    why: 'each imported or published text is a revision (select: its insert skips one recorded already)',
    rows: 'output_id in (select id from gtm_outputs)',
  },
  {
    table: 'approvals',
    rights: ['select', 'insert', 'update'],
    why: "the mirror: OpenClaw's approvals",
    rows: OF_GATEWAY,
  },
  {
    table: 'openclaw_channels',
    rights: ['select', 'insert', 'update', 'delete'],
    why: "the mirror: OpenClaw's channels (a channel gone is deleted)",
    rows: OF_GATEWAY,
  },
];

/**
 * The tables a bridge role gets nothing on, and why. Every table of the schema is in one list or the other (a
 * test says so), so a migration that adds a table decides here whether a remote bridge may touch it.
 */
export const BRIDGE_DENIED: Readonly<Record<string, string>> = {
  users: "the owner's password hash",
  auth_sessions: "browsers' sign-in sessions",
  setup_tokens: 'setup links',
  login_failures: 'sign-in throttling',
  api_tokens: 'API tokens',
  webhooks: 'webhook URLs and signing secrets (the studio-wide workers send webhooks)',
  webhook_deliveries: 'the studio-wide webhook worker',
  alert_channels: 'alert channel secrets (the studio-wide workers send alerts)',
  alert_rules: 'the studio-wide alert engine',
  alert_incidents: 'the studio-wide alert engine',
  alert_deliveries: 'the studio-wide alert deliveries',
  approval_links: 'sign-in-free approval links (the alert engine makes them)',
  budgets: 'the studio-wide budget watcher',
  budget_breaches: 'the studio-wide budget watcher',
  cron_missed_runs: 'the studio-wide watchdog',
  system_metrics: 'the studio-wide metrics sampler',
  system_metric_rollups: 'the studio-wide metrics sampler',
  failure_acks: "the owner's inbox",
};

/** Postgres identifiers a role may be named by without quoting surprises (and room for its policies' names). */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

export class BridgeRoleError extends Error {
  readonly code = 'BRIDGE_ROLE';
}

/** A role name is a plain Postgres identifier (and leaves room for its policies' names). */
export function checkBridgeRoleName(role: string): void {
  if (!ROLE_NAME.test(role))
    throw new BridgeRoleError(`"${role}" is not a role name to use here: lower-case letters, digits and _ (max 48)`);
}

/** The role's policy on each of its tables: the rows it may read and write (migration 0041). */
const policyName = (role: string) => `studio_bridge_${role}`;

/**
 * Creates the LOGIN role `role` (or updates it: run twice, or after an upgrade) with exactly BRIDGE_GRANTS on the
 * current schema: every right it held before on the schema's tables and sequences is revoked first. With
 * `gatewayId` its policies limit it to that gateway's rows (BridgeGrant.rows); without, it sees every row. `password`
 * is set; without it a new role gets `passwordIfNew` and an existing one keeps its own. Answers whether the role
 * was created and the password set now, if any. Run by the database's owner, after the migrations.
 */
export async function grantBridgeRole(
  db: Db,
  o: { role: string; password?: string; passwordIfNew?: string; gatewayId?: string },
): Promise<{ created: boolean; password: string | null }> {
  checkBridgeRoleName(o.role);
  return db.transaction(async (tx) => {
    const [existing] = await tx.query<{ privileged: boolean; owns: boolean }>(
      `select r.rolsuper or r.rolcreaterole or r.rolcreatedb or r.rolbypassrls or r.rolname = current_user as privileged,
              exists (select 1 from pg_tables where schemaname = current_schema() and tableowner = r.rolname) as owns
         from pg_roles r where r.rolname = $1`,
      [o.role],
    );
    // a role that can do more than a bridge (the owner's, an admin's) is not one to strip of its rights
    if (existing?.privileged || existing?.owns)
      throw new BridgeRoleError(`"${o.role}" is a role of the studio's owner or an administrator, not a bridge's`);
    const role = await quoted(tx, o.role);
    const schema = await quoted(tx, null, 'current_schema()');
    const newPassword = o.password ?? (existing ? undefined : o.passwordIfNew);
    const password = newPassword === undefined ? '' : ` password ${await literal(tx, newPassword)}`;
    await tx.exec(existing ? `alter role ${role} login${password}` : `create role ${role} login${password}`);
    await tx.exec(`grant connect on database ${await quoted(tx, null, 'current_database()')} to ${role};
      grant usage on schema ${schema} to ${role};
      revoke all on all tables in schema ${schema} from ${role};
      revoke all on all sequences in schema ${schema} from ${role};`);
    const policy = await quoted(tx, policyName(o.role));
    const gateway = o.gatewayId === undefined ? null : `${await literal(tx, o.gatewayId)}::uuid`;
    for (const g of BRIDGE_GRANTS) {
      await tx.exec(`grant ${g.rights.join(', ')} on ${g.table} to ${role}`);
      await tx.exec(`drop policy if exists ${policy} on ${g.table}`);
      const rows = gateway && g.rows ? g.rows.replaceAll('$gateway', gateway) : 'true';
      await tx.exec(`create policy ${policy} on ${g.table} to ${role} using (${rows}) with check (${rows})`);
    }
    return { created: !existing, password: newPassword ?? null };
  });
}

/** `value` (or what `valueSql` gives) as a quoted identifier, quoted by the server (DDL takes no parameters). */
async function quoted(tx: Queryable, value: string | null, valueSql = '$1::text'): Promise<string> {
  const [row] = await tx.query<{ sql: string }>(
    `select format('%I', ${valueSql}) as sql`,
    value === null ? [] : [value],
  );
  return row!.sql;
}

async function literal(tx: Queryable, value: string): Promise<string> {
  const [row] = await tx.query<{ sql: string }>(`select format('%L', $1::text) as sql`, [value]);
  return row!.sql;
}

/** Whether this connection's role may apply migrations (the owner's, or a superuser), not a bridge role. */
export async function mayMigrate(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ may: boolean }>(
    `select has_schema_privilege(current_schema(), 'CREATE')
            and coalesce((select pg_has_role(tableowner, 'USAGE') from pg_tables
                           where schemaname = current_schema() and tablename = 'schema_migrations'), true) as may`,
  );
  return row!.may;
}

/**
 * Whether this connection's role may run the studio-wide workers: they send webhooks and alerts, whose secrets a
 * bridge role cannot read.
 */
export async function mayRunStudioWorkers(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ may: boolean }>(
    `select has_table_privilege('webhooks', 'SELECT') and has_table_privilege('alert_channels', 'SELECT') as may`,
  );
  return row!.may;
}

/**
 * The rights of BRIDGE_GRANTS this connection's role lacks, as `insert on gateways (name)`, and its tables under
 * row-level security without a policy for it (it would see none of their rows); none: it may bridge.
 */
export async function missingBridgeRights(db: Queryable): Promise<string[]> {
  const wanted = BRIDGE_GRANTS.flatMap((g) =>
    g.rights.flatMap((r): { t: string; r: string; c: string | null }[] => {
      const [, right, columns] = /^(\w+)(?: \((.*)\))?$/.exec(r)!;
      return columns
        ? columns.split(',').map((c) => ({ t: g.table, r: right!, c: c.trim() }))
        : [{ t: g.table, r: right!, c: null }];
    }),
  );
  const rows = await db.query<{ table: string; right: string; column: string | null; has: boolean }>(
    `select w.t as "table", w.r as "right", w.c as "column",
            case when to_regclass(w.t) is null then false
                 when w.c is null then has_table_privilege(w.t, w.r)
                 else has_column_privilege(w.t, w.c, w.r) end as has
       from jsonb_to_recordset($1::jsonb) as w(t text, r text, c text)`,
    [JSON.stringify(wanted)],
  );
  const unseen = await db.query<{ table: string }>(
    `select c.relname as "table" from pg_class c
      where c.relnamespace = current_schema()::regnamespace and c.relname = any($1) and c.relrowsecurity
        and not exists (select 1 from pg_policies p
                         where p.schemaname = current_schema() and p.tablename = c.relname and current_user = any(p.roles))
      order by 1`,
    [BRIDGE_GRANTS.map((g) => g.table)],
  );
  return [
    ...rows.filter((r) => !r.has).map((r) => `${r.right} on ${r.table}${r.column ? ` (${r.column})` : ''}`),
    ...unseen.map((u) => `a row-level policy on ${u.table}`),
  ];
}

/**
 * The gateway this connection's role is limited to (`agent-studio bridge-role <name> --gateway <gateway>`): the one
 * gateway its policy lets it see; null for a role that sees them all (the owner's, an unlimited bridge role).
 */
export async function limitedToGateway(db: Queryable): Promise<{ id: string; name: string } | null> {
  const [limited] = await db.query<{ limited: boolean }>(
    `select exists (select 1 from pg_policies p where p.schemaname = current_schema() and p.tablename = 'gateways'
                     and current_user = any(p.roles) and p.qual <> 'true') as limited`,
  );
  if (!limited?.limited) return null;
  const [gateway] = await db.query<{ id: string; name: string }>('select id, name from gateways');
  return gateway ?? null;
}

/** The role this connection acts as. */
export async function currentRole(db: Queryable): Promise<string> {
  const [row] = await db.query<{ role: string }>('select current_user as role');
  return row!.role;
}

/**
 * A bridge on a role that may not migrate checks instead that the database is at its code's schema version and
 * that the role has every right of BRIDGE_GRANTS; else it says, in words, what the owner has to run.
 */
export async function checkBridgeDatabase(db: Queryable, migrations = loadMigrations()): Promise<void> {
  const role = await currentRole(db);
  const known = migrations.at(-1)?.version ?? 0;
  const newest = await db
    .query<{ newest: number | null }>('select max(version) as newest from schema_migrations')
    .then(([row]) => row?.newest ?? 0)
    .catch(() => null); // no table yet, or no right to read it: said below
  if (newest !== null && newest > known)
    throw new DatabaseNewerError(
      `The database is at schema version ${newest}, newer than this code knows (${known}). Upgrade agent-studio.`,
    );
  const rerun = `\`agent-studio bridge-role ${role}\` as the database's owner (with the owner's DATABASE_URL)`;
  if (newest !== null && newest < known)
    throw new BridgeRoleError(
      `The database is at schema version ${newest}, older than this bridge's code (${known}), and this bridge's ` +
        `role (${role}) may not migrate it: run \`agent-studio migrate\` (or start the studio, which migrates) ` +
        `as the database's owner, then ${rerun}.`,
    );
  const missing = await missingBridgeRights(db);
  if (missing.length)
    throw new BridgeRoleError(
      `This bridge's role (${role}) may not migrate the database and lacks rights a bridge needs ` +
        `(${missing.join(', ')}): run ${rerun}; again after each upgrade.`,
    );
}
