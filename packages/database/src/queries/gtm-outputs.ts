import { channelFor, canTransition, schedulerActor, type Actor, type GtmStatus } from '@agent-studio/core';
import type { Queryable } from '../db';
import { namedSql } from '../named-sql';
import { insertCommand } from './commands';
import { cursorTime, decodeKeyCursor, encodeKeyCursor } from './cursor';
import { addRunOutputFile } from './cron-runs';
import { appendEvent } from './events';
import { DEFAULT_GATEWAY_ID } from './gateways';
import { recordGtmRevision } from './gtm-revisions';

export interface GtmOutputRow {
  id: string;
  title: string;
  content_type: string;
  status: GtmStatus;
  content_md: string | null;
  content_html: string | null;
  source_job_id: string | null;
  source_run_id: string | null;
  source_session_id: string | null;
  source_file_path: string | null;
  priority: number;
  created_by: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  scheduled_for: Date | null;
  published_at: Date | null;
  published_url: string | null;
  metrics: Record<string, number>;
  tags: string[] | null;
  file_hash: string | null;
  disk_md: string | null;
  edited_at: Date | null;
  revision: number;
  scheduled_url: string | null;
  publish_command_id: string | null;
  /** Why the file's front matter was not read (it was imported as plain text). */
  import_problem: string | null;
  /** The gateway whose workspace the file is in (the default one for items written in the studio). */
  gateway_id: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, title, content_type, status, content_md, content_html, source_job_id, source_run_id, source_session_id,
  source_file_path, priority, created_by, reviewed_by, reviewed_at, scheduled_for, published_at, published_url, metrics, tags,
  file_hash, disk_md, edited_at, revision, scheduled_url, publish_command_id, import_problem, gateway_id, created_at, updated_at`;

export interface GtmFileInput {
  /** The gateway whose workspace holds the file (a bridge names its own); the default gateway when left out. */
  gatewayId?: string;
  sourceFilePath: string;
  title: string;
  contentType: string;
  tags: string[];
  priority: number;
  /** Only used when the row is created. */
  initialStatus?: 'draft' | 'pending_review';
  contentMd: string;
  contentHtml: string;
  fileHash: string;
  sourceJobId?: string;
  sourceRunId?: string;
  sourceSessionId?: string;
  importProblem?: string;
}

export class RevisionConflictError extends Error {
  readonly code = 'REVISION_CONFLICT';
  constructor(readonly current: GtmOutputRow) {
    super(`The content was changed elsewhere (now at revision ${current.revision}).`);
  }
}

/**
 * A file seen on disk. Review state is the studio's and never touched here. When the studio has edited the
 * content, the disk's new version is kept beside it (`disk_md`) for the owner to choose, never overwriting.
 */
export async function upsertGtmOutputFromFile(
  tx: Queryable,
  input: GtmFileInput,
): Promise<{ row: GtmOutputRow; created: boolean; changed: boolean }> {
  const gatewayId = input.gatewayId ?? DEFAULT_GATEWAY_ID;
  const [existing] = await tx.query<GtmOutputRow>(
    `select ${COLUMNS} from gtm_outputs where gateway_id = $2 and source_file_path = $1 for update`,
    [input.sourceFilePath, gatewayId],
  );
  if (existing && existing.file_hash === input.fileHash && existing.status !== 'archived')
    return { row: existing, created: false, changed: false };
  if (!existing) {
    const [row] = await tx.query<GtmOutputRow>(
      `insert into gtm_outputs (title, content_type, content_md, content_html, source_file_path, priority, tags, file_hash,
                                source_job_id, source_run_id, source_session_id, status, import_problem, gateway_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning ${COLUMNS}`,
      [
        input.title,
        input.contentType,
        input.contentMd,
        input.contentHtml,
        input.sourceFilePath,
        input.priority,
        input.tags,
        input.fileHash,
        input.sourceJobId ?? null,
        input.sourceRunId ?? null,
        input.sourceSessionId ?? null,
        input.initialStatus ?? 'draft',
        input.importProblem ?? null,
        gatewayId,
      ],
    );
    await recordGtmRevision(tx, {
      outputId: row!.id,
      revision: row!.revision,
      contentMd: input.contentMd,
      author: await fileAuthor(tx, input),
    });
    if (input.sourceRunId) await addRunOutputFile(tx, input.sourceRunId, input.sourceFilePath);
    await appendEvent(tx, channelFor.gtm(), 'gtm.output.created', {
      outputId: row!.id,
      title: row!.title,
      type: row!.content_type,
    });
    return { row: row!, created: true, changed: true };
  }
  const conflict = existing.edited_at !== null && existing.content_md !== input.contentMd;
  const [row] = await tx.query<GtmOutputRow>(
    `update gtm_outputs set
       file_hash = $2,
       title = case when $3 then title else $4 end,
       content_type = $5, tags = $6,
       content_md = case when $3 then content_md else $7 end,
       content_html = case when $3 then content_html else $8 end,
       disk_md = case when $3 then $7 else null end,
       status = case when status = 'archived' and $9 then 'draft' else status end,
       revision = case when $3 then revision else revision + 1 end,
       import_problem = $10,
       -- the run that wrote this version, when known (another run may rewrite the same file)
       source_job_id = case when num_nonnulls($11::uuid, $12::uuid, $13::uuid) = 0 then source_job_id else $11 end,
       source_run_id = case when num_nonnulls($11::uuid, $12::uuid, $13::uuid) = 0 then source_run_id else $12 end,
       source_session_id = case when num_nonnulls($11::uuid, $12::uuid, $13::uuid) = 0 then source_session_id else $13 end,
       updated_at = now()
     where id = $1 returning ${COLUMNS}`,
    [
      existing.id,
      input.fileHash,
      conflict,
      input.title,
      input.contentType,
      input.tags,
      input.contentMd,
      input.contentHtml,
      existing.reviewed_at === null,
      input.importProblem ?? null,
      input.sourceJobId ?? null,
      input.sourceRunId ?? null,
      input.sourceSessionId ?? null,
    ],
  );
  if (input.sourceRunId) await addRunOutputFile(tx, input.sourceRunId, input.sourceFilePath);
  const author = await fileAuthor(tx, input);
  if (!conflict)
    await recordGtmRevision(tx, { outputId: row!.id, revision: row!.revision, contentMd: input.contentMd, author });
  await appendEvent(tx, channelFor.gtm(), 'gtm.output.updated', {
    outputId: row!.id,
    title: row!.title,
    revision: row!.revision,
    actor: author,
  });
  if (row!.status !== existing.status)
    await appendEvent(tx, channelFor.gtm(), 'gtm.output.status_changed', {
      outputId: row!.id,
      status: row!.status,
      actor: author,
    });
  return { row: row!, created: false, changed: true };
}

/** A file's author: the agent session that wrote it when known, else the file itself. */
async function fileAuthor(tx: Queryable, input: GtmFileInput): Promise<Actor> {
  if (!input.sourceSessionId) return { kind: 'disk', id: null, name: input.sourceFilePath };
  const [session] = await tx.query<{ agent_name: string }>('select agent_name from agent_sessions where id = $1', [
    input.sourceSessionId,
  ]);
  return { kind: 'agent', id: input.sourceSessionId, name: session?.agent_name ?? 'agent' };
}

/** The file was deleted: the row stays (with its review history), archived. */
export async function archiveGtmOutputByPath(
  tx: Queryable,
  path: string,
  gatewayId: string = DEFAULT_GATEWAY_ID,
): Promise<boolean> {
  const [row] = await tx.query<{ id: string }>(
    `update gtm_outputs set status = 'archived', file_hash = null, updated_at = now()
      where gateway_id = $2 and source_file_path = $1 and status <> 'archived' returning id`,
    [path, gatewayId],
  );
  if (row)
    await appendEvent(tx, channelFor.gtm(), 'gtm.output.status_changed', { outputId: row.id, status: 'archived' });
  return Boolean(row);
}

export type GtmSort = 'newest' | 'priority';

export interface GtmListParams {
  status?: GtmStatus;
  type?: string;
  search?: string;
  sort?: GtmSort;
  limit?: number;
  /** `nextCursor` of the previous page (of the same filters, search and sort). */
  cursor?: string;
  /** Only this gateway's items; all gateways' when left out. */
  gatewayId?: string;
}

export type GtmListRow = GtmOutputRow & {
  /** HTML: escaped text with <mark> around matches. */
  headline: string | null;
  /** ts_rank of the shown rows (a search's order is title matches first, then the sort; not this figure). */
  rank: number | null;
};

/**
 * How `total` was found: `exact`; `atLeast` (counting stopped at GTM_COUNT_LIMIT); `estimate` (the planner's
 * figure from the table's statistics, when it expects more than GTM_COUNT_LIMIT: counting every match of a
 * frequent word would read them all).
 */
export type GtmTotalKind = 'exact' | 'atLeast' | 'estimate';
export const GTM_COUNT_LIMIT = 1000;

const SORT_KEYS: Record<GtmSort, string[]> = {
  newest: ['created_at desc', 'id desc'],
  priority: ['priority desc', 'created_at desc', 'id desc'],
};
// written out in each branch (not read from a CTE): the planner then sees the words and knows how many rows
// match, which decides between walking the sort's index (a frequent word) and sorting the few matches (a rare one)
const QUERY = `websearch_to_tsquery('english', $3)`;
const TITLE_MATCH = `o.title_vector @@ ${QUERY}`;
/** Status $1, type $2, and the gateway in the parameter `gateway` (its place differs between the list and the count). */
const filters = (gateway: string) =>
  `($1::text is null or o.status = $1) and ($2::text is null or o.content_type = $2) and (${gateway}::uuid is null or o.gateway_id = ${gateway})`;
// The headline is made from 500 characters around the first word starting like the query's first stem (parsing
// each shown row's whole text was most of a search's time); no such word: from the text's beginning.
const HEADLINE = `ts_headline('english', substr(coalesce(o.content_md, ''), greatest(1, strpos(lower(coalesce(o.content_md, '')), q.prefix) - 160), 500),
  q.query, 'StartSel=⟦, StopSel=⟧, MaxFragments=2, MaxWords=24, MinWords=8')`;
const QUERY_AND_PREFIX = `select x.query, coalesce(left(l.lexeme, greatest(3, length(l.lexeme) - 1)), '') as prefix
   from (select case when $3::text is null then null else ${QUERY} end as query) x,
        lateral (select (regexp_match(querytree(x.query), '''([^'']+)'''))[1] as lexeme) l`;

/**
 * The content queue, a page at a time on keyset cursors (page 100 costs what page 1 does). A search lists the
 * items whose title matches first, then those matching in the text or tags, each in the list's sort order:
 * both walk an index in that order and stop at the page's size, whatever the word's frequency, and only the
 * rows shown are ranked and get a headline.
 */
export async function listGtmOutputs(
  db: Queryable,
  params: GtmListParams,
): Promise<{ rows: GtmListRow[]; nextCursor: string | null; total: number; totalKind: GtmTotalKind }> {
  const search = params.search?.trim() || null;
  const sort = params.sort ?? 'newest';
  const limit = params.limit ?? 50;
  const byPriority = sort === 'priority';
  const kind = `${search ? 's' : ''}${byPriority ? 'p' : 'n'}`;
  const after = params.cursor ? decodeKeyCursor(params.cursor, kind, (search ? 1 : 0) + (byPriority ? 1 : 0)) : null;
  const afterTier = search && after ? after.keys[0]! : null;
  // $1 status, $2 type, $3 search, $4 page size + 1, $5 gateway; after a cursor: $6 its time, $7 its id, $8 its priority
  const keyCols = byPriority ? 'o.priority, o.created_at, o.id' : 'o.created_at, o.id';
  const keyVals = byPriority ? '$8::int, $6::timestamptz, $7::uuid' : '$6::timestamptz, $7::uuid';
  const order = (prefix: string) => SORT_KEYS[sort].map((k) => prefix + k).join(', ');
  const branch = (tier: number, match: string) =>
    `(select o.id, o.priority, o.created_at, ${tier} as tier from gtm_outputs o where ${filters('$5')} and ${match}
      ${after && (afterTier === null || afterTier === tier) ? `and (${keyCols}) < (${keyVals})` : ''}
      order by ${order('o.')} limit $4)`;
  const branches = !search
    ? [branch(0, 'true')]
    : [
        ...(afterTier === null || afterTier <= 0 ? [branch(0, TITLE_MATCH)] : []),
        ...(afterTier === null || afterTier <= 1
          ? [branch(1, `o.search_vector @@ ${QUERY} and not (${TITLE_MATCH})`)]
          : []),
      ];
  const cols = COLUMNS.split(',')
    .map((c) => `o.${c.trim()}`)
    .join(', ');
  const rows = await db.query<GtmListRow & { tier: number; cursor_at: string }>(
    `with q as (${QUERY_AND_PREFIX}),
          page as (select * from (${branches.join(' union all ')}) b order by tier, ${order('')} limit $4)
     select ${cols}, page.tier, ${cursorTime('o.created_at')} as cursor_at,
            case when q.query is null then null else ts_rank(o.search_vector, q.query) end as rank,
            case when q.query is null then null else ${HEADLINE} end as headline
       from page join gtm_outputs o on o.id = page.id, q
      order by page.tier, ${order('o.')}`,
    [
      params.status ?? null,
      params.type ?? null,
      search,
      limit + 1,
      params.gatewayId ?? null,
      ...(after ? [after.at, after.id, ...(byPriority ? [after.keys.at(-1)] : [])] : []),
    ],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeKeyCursor(
          kind,
          [...(search ? [last.tier] : []), ...(byPriority ? [last.priority] : [])],
          last.cursor_at,
          last.id,
        )
      : null;
  // a first page that holds everything is its own count
  const { total, totalKind } =
    !after && !nextCursor
      ? { total: page.length, totalKind: 'exact' as const }
      : await countGtm(db, params.status, params.type, search, params.gatewayId);
  return {
    rows: page.map(({ headline, tier: _t, cursor_at: _c, ...r }) => ({
      ...r,
      headline: headline === null ? null : markHeadline(headline),
    })),
    nextCursor,
    total,
    totalKind,
  };
}

/** The planner's estimate when it expects many (no row is read), else a count that stops past GTM_COUNT_LIMIT. */
async function countGtm(
  db: Queryable,
  status: string | undefined,
  type: string | undefined,
  search: string | null,
  gatewayId: string | undefined,
): Promise<{ total: number; totalKind: GtmTotalKind }> {
  const where = `from gtm_outputs o where ${filters('$4')} and ($3::text is null or o.search_vector @@ ${QUERY})`;
  const args = [status ?? null, type ?? null, search, gatewayId ?? null];
  const [plan] = await db.query<{ 'QUERY PLAN': string | [{ Plan: { 'Plan Rows': number } }] }>(
    `explain (format json) select 1 ${where}`,
    args,
  );
  const json = plan?.['QUERY PLAN'];
  const estimate = Math.round((typeof json === 'string' ? JSON.parse(json) : json)?.[0]?.Plan?.['Plan Rows'] ?? 0);
  if (estimate > GTM_COUNT_LIMIT) return { total: estimate, totalKind: 'estimate' };
  const [row] = await db.query<{ n: number }>(`select count(*)::int as n from (select 1 ${where} limit $5) c`, [
    ...args,
    GTM_COUNT_LIMIT + 1,
  ]);
  const n = row?.n ?? 0;
  return n > GTM_COUNT_LIMIT ? { total: GTM_COUNT_LIMIT, totalKind: 'atLeast' } : { total: n, totalKind: 'exact' };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The headline is agent-written text: everything is escaped, and only the match markers become <mark>. */
function markHeadline(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ESCAPES[c]!)
    .replaceAll('⟦', '<mark>')
    .replaceAll('⟧', '</mark>');
}

export async function getGtmOutput(db: Queryable, id: string): Promise<GtmOutputRow | null> {
  const [row] = await db.query<GtmOutputRow>(`select ${COLUMNS} from gtm_outputs where id = $1`, [id]);
  return row ?? null;
}

export class TransitionError extends Error {
  readonly code = 'INVALID_TRANSITION';
}

export interface GtmPatch {
  status?: GtmStatus;
  /** Setting or clearing it (re)arms the scheduler for this item. */
  scheduledFor?: Date | null;
  scheduledUrl?: string | null;
  contentMd?: string;
  contentHtml?: string;
  priority?: number;
  publishedUrl?: string | null;
  expectedRevision?: number;
  /** The owner has chosen between the studio's text and the newer one on disk: the disk's is let go. */
  resolveDisk?: boolean;
  /** The content is an older revision brought back. */
  restoredFrom?: number;
  actor: Actor;
}

/**
 * A studio change. Content edits need the revision they were made on, so no edit silently overwrites
 * another; each kept text becomes a revision. A newer version on disk stays until the owner resolves it.
 */
export async function updateGtmOutput(tx: Queryable, id: string, patch: GtmPatch): Promise<GtmOutputRow | null> {
  const [current] = await tx.query<GtmOutputRow>(`select ${COLUMNS} from gtm_outputs where id = $1 for update`, [id]);
  if (!current) return null;
  if (patch.expectedRevision !== undefined && patch.expectedRevision !== current.revision)
    throw new RevisionConflictError(current);
  if (patch.status && patch.status !== current.status && !canTransition(current.status, patch.status)) {
    throw new TransitionError(
      `Content cannot move from ${current.status.replace('_', ' ')} to ${patch.status.replace('_', ' ')}.`,
    );
  }
  const contentChanged = patch.contentMd !== undefined && patch.contentMd !== current.content_md;
  const statusChanged = patch.status !== undefined && patch.status !== current.status;
  const scheduleChanged = patch.scheduledFor !== undefined;
  const reviewed = statusChanged && (patch.status === 'approved' || patch.status === 'published');
  const reviewer = patch.actor.kind === 'owner' ? patch.actor.id : null;
  const [row] = await tx.query<GtmOutputRow>(
    ...namedSql(
      `update gtm_outputs set
         status = coalesce(:status, status),
         scheduled_for = case when :scheduleChanged then :scheduledFor else scheduled_for end,
         scheduled_url = case when not :scheduleChanged then scheduled_url
                              when :scheduledFor::timestamptz is null then null
                              else coalesce(:scheduledUrl, scheduled_url) end,
         publish_command_id = case when :scheduleChanged then null else publish_command_id end,
         content_md = case when :contentChanged then :contentMd else content_md end,
         content_html = case when :contentChanged then :contentHtml else content_html end,
         disk_md = case when :resolveDisk then null else disk_md end,
         edited_at = case when :contentChanged then now() else edited_at end,
         revision = case when :contentChanged then revision + 1 else revision end,
         priority = coalesce(:priority, priority),
         reviewed_by = case when :reviewed then :reviewer::uuid else reviewed_by end,
         reviewed_at = case when :reviewed then now() else reviewed_at end,
         published_at = case when :status = 'published' and :statusChanged then now() else published_at end,
         published_url = coalesce(:publishedUrl, published_url),
         updated_at = now()
       where id = :id returning ${COLUMNS}`,
      {
        id,
        status: patch.status ?? null,
        scheduleChanged,
        scheduledFor: patch.scheduledFor ?? null,
        scheduledUrl: patch.scheduledUrl ?? null,
        contentChanged,
        contentMd: patch.contentMd ?? null,
        contentHtml: patch.contentHtml ?? null,
        resolveDisk: patch.resolveDisk === true,
        priority: patch.priority ?? null,
        reviewed,
        reviewer,
        statusChanged,
        publishedUrl: patch.publishedUrl ?? null,
      },
    ),
  );
  const { actor } = patch;
  if (contentChanged) {
    await recordGtmRevision(tx, {
      outputId: id,
      revision: row!.revision,
      contentMd: row!.content_md ?? '',
      author: actor,
      restoredFrom: patch.restoredFrom,
    });
    if (patch.restoredFrom !== undefined) {
      await appendEvent(tx, channelFor.gtm(), 'gtm.output.restored', {
        outputId: id,
        revision: row!.revision,
        restoredFrom: patch.restoredFrom,
        actor,
      });
    }
  }
  if (statusChanged)
    await appendEvent(tx, channelFor.gtm(), 'gtm.output.status_changed', { outputId: id, status: row!.status, actor });
  if (scheduleChanged) {
    await appendEvent(tx, channelFor.gtm(), 'gtm.output.scheduled', {
      outputId: id,
      scheduledFor: row!.scheduled_for?.toISOString() ?? null,
      url: row!.scheduled_url,
      actor,
    });
  }
  if ((contentChanged && patch.restoredFrom === undefined) || (!statusChanged && !scheduleChanged && !contentChanged)) {
    await appendEvent(tx, channelFor.gtm(), 'gtm.output.updated', {
      outputId: id,
      title: row!.title,
      revision: row!.revision,
      actor,
    });
  }
  return row!;
}

/** How long until the next scheduled item falls due (by the database's clock; 0 or less: due), or null when none is scheduled. */
export async function msUntilNextScheduledOutput(db: Queryable): Promise<number | null> {
  const [row] = await db.query<{ ms: number | null }>(
    `select (extract(epoch from min(scheduled_for) - now()) * 1000)::float8 as ms from gtm_outputs
      where status = 'approved' and publish_command_id is null and scheduled_url is not null`,
  );
  return row?.ms ?? null;
}

/**
 * Queues the publish command of every approved item whose time has come, once: the row lock and the
 * `publish_command_id is null` condition make a second scheduler (or the same one after a restart) skip it.
 */
export async function claimDueScheduledOutputs(
  tx: Queryable,
  limit = 20,
): Promise<{ outputId: string; commandId: string }[]> {
  const due = await tx.query<{ id: string; scheduled_url: string; gateway_id: string }>(
    `select id, scheduled_url, gateway_id from gtm_outputs
      where status = 'approved' and scheduled_for <= now() and publish_command_id is null and scheduled_url is not null
      order by scheduled_for limit $1 for update skip locked`,
    [limit],
  );
  const claimed: { outputId: string; commandId: string }[] = [];
  for (const item of due) {
    // the item's file is in its gateway's GTM folder: that gateway's bridge writes it
    const cmd = await insertCommand(
      tx,
      'gtm.publish',
      { outputId: item.id, url: item.scheduled_url, actor: schedulerActor },
      { gatewayId: item.gateway_id },
    );
    await tx.query('update gtm_outputs set publish_command_id = $2 where id = $1', [item.id, cmd.id]);
    claimed.push({ outputId: item.id, commandId: cmd.id });
  }
  return claimed;
}

/** What a session wrote into the GTM folder, newest first. */
export async function listGtmOutputsBySession(db: Queryable, sessionId: string): Promise<GtmOutputRow[]> {
  return db.query<GtmOutputRow>(
    `select ${COLUMNS} from gtm_outputs where source_session_id = $1 order by created_at desc limit 100`,
    [sessionId],
  );
}

/** The content types in use, in order: one index probe per type (a `distinct` read the whole table). */
export async function listGtmContentTypes(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ type: string }>(
    `with recursive t(type) as (
       select min(content_type) from gtm_outputs
       union all
       select (select min(content_type) from gtm_outputs where content_type > t.type) from t where t.type is not null)
     select type from t where type is not null`,
  );
  return rows.map((r) => r.type);
}
