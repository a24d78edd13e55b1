// A log read in pages, however long (issue 21 item 2): a session's (or a host-cron run's) lines by keyset on
// `seq`, each with its line number in the whole log, and searched on the server.
import type { Db, Queryable } from '../db';
import type { AgentLogRow, LogLevel } from './agent-logs';

/** Whose lines: a session's, or a host-cron run's own output. */
export type LogOwner = { sessionId: string } | { runId: string };

export interface LogFilter {
  levels?: readonly LogLevel[];
  tool?: string;
}

export type NumberedLogRow = AgentLogRow & {
  /** 1-based position in the whole log (every level and tool), oldest first. */
  line: number;
};

export interface LogPage {
  /** Oldest first. */
  rows: NumberedLogRow[];
  hasOlder: boolean;
  hasNewer: boolean;
}

const ownerColumn = (o: LogOwner) => ('runId' in o ? 'run_id' : 'session_id');
const ownerId = (o: LogOwner) => ('runId' in o ? o.runId : o.sessionId);

/** The filter's SQL from parameter `$from` on ($from: levels, $from+1: tool). */
const filterSql = (from: number) =>
  `($${from}::text[] is null or level = any($${from})) and ($${from + 1}::text is null or tool_name = $${from + 1})`;
const filterParams = (f: LogFilter) => [f.levels?.length ? f.levels : null, f.tool ?? null];

/**
 * One page of a log: the newest `limit` lines (no cursor), the `limit` lines before or after a line's `seq`,
 * or the lines around one (half before it, it and the rest after it: where a search result is shown).
 */
export async function pageAgentLogs(
  db: Queryable,
  owner: LogOwner,
  params: LogFilter & {
    before?: string;
    after?: string;
    around?: string;
    limit?: number;
    /** The log's count of lines, when just read (`summarizeAgentLogs`): the newest page is numbered from it. */
    total?: number;
  },
): Promise<LogPage> {
  const limit = params.limit ?? 200;
  const col = ownerColumn(owner);
  const side = (dir: 'older' | 'newer', seq: string | null, inclusive: boolean, n: number) =>
    db.query<AgentLogRow>(
      `select * from agent_logs
        where ${col} = $1 and ${filterSql(2)}
          and ($4::bigint is null or seq ${dir === 'older' ? '<' : '>'}${inclusive ? '=' : ''} $4)
        order by seq ${dir === 'older' ? 'desc' : 'asc'} limit $5`,
      [ownerId(owner), ...filterParams(params), seq, n + 1],
    );
  let older: AgentLogRow[] = [];
  let newer: AgentLogRow[] = [];
  let hasOlder = false;
  let hasNewer = false;
  if (params.around !== undefined) {
    const half = Math.floor(limit / 2);
    [older, newer] = await Promise.all([
      side('older', params.around, false, half),
      side('newer', params.around, true, limit - half),
    ]);
    hasOlder = older.length > half;
    hasNewer = newer.length > limit - half;
    older = older.slice(0, half);
    newer = newer.slice(0, limit - half);
  } else if (params.after !== undefined) {
    newer = await side('newer', params.after, false, limit);
    hasNewer = newer.length > limit;
    newer = newer.slice(0, limit);
    hasOlder = true;
  } else {
    older = await side('older', params.before ?? null, false, limit);
    hasOlder = older.length > limit;
    older = older.slice(0, limit);
    hasNewer = params.before !== undefined;
  }
  const rows = [...older.reverse(), ...newer];
  return {
    rows: await numbered(db, owner, rows, params.total),
    hasOlder,
    hasNewer,
  };
}

/**
 * Each row's line number: the lines of the log before the page's first (counted along the owner's seq index),
 * plus its place among every line between the page's first and last. Given the whole log's count, the lines
 * from the page's first on are counted instead (a few, at the end of a log).
 */
async function numbered(
  db: Queryable,
  owner: LogOwner,
  rows: AgentLogRow[],
  total: number | undefined,
): Promise<NumberedLogRow[]> {
  if (!rows.length) return [];
  const col = ownerColumn(owner);
  const lo = rows[0]!.seq;
  const hi = rows.at(-1)!.seq;
  const base =
    total !== undefined
      ? `($4::int - (select count(*) from agent_logs where ${col} = $1 and seq >= $2))`
      : `(select count(*) from agent_logs where ${col} = $1 and seq < $2)`;
  const lines = await db.query<{ seq: string; line: number }>(
    `select seq, (${base} + row_number() over (order by seq))::int as line
       from agent_logs where ${col} = $1 and seq between $2 and $3`,
    [ownerId(owner), lo, hi, ...(total !== undefined ? [total] : [])],
  );
  const bySeq = new Map(lines.map((l) => [l.seq, l.line]));
  return rows.map((r) => ({ ...r, line: bySeq.get(r.seq) ?? 0 }));
}

/** How many lines the log holds, and the tools its lines name (found by skipping through an index). */
export async function summarizeAgentLogs(db: Queryable, owner: LogOwner): Promise<{ total: number; tools: string[] }> {
  const col = ownerColumn(owner);
  const [[count], tools] = await Promise.all([
    db.query<{ n: number }>(`select count(*)::int as n from agent_logs where ${col} = $1`, [ownerId(owner)]),
    db.query<{ tool_name: string }>(
      `with recursive t(tool_name) as (
         (select tool_name from agent_logs where ${col} = $1 and tool_name is not null order by tool_name limit 1)
         union all
         select (select l.tool_name from agent_logs l where l.${col} = $1 and l.tool_name > t.tool_name order by l.tool_name limit 1)
           from t where t.tool_name is not null)
       select tool_name from t where tool_name is not null limit 500`,
      [ownerId(owner)],
    ),
  ]);
  return { total: count?.n ?? 0, tools: tools.map((t) => t.tool_name) };
}

/**
 * A search as a tsquery: the words as typed, in order, the last ones possibly unfinished (`web_sea` finds
 * `web_search`), or the text as the line parser reads it (a path or an address is one word there).
 */
function searchQuery(text: string): { words: string; phrase: string; contains: string[] } {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
  const phrase = text.slice(0, 500);
  return {
    words: words.map((w) => `'${w}':*`).join(' <-> '),
    phrase,
    // what a matching line holds whichever way it matches (letters and digits only: nothing LIKE reads as special)
    contains: (phrase.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12).map((w) => `%${w}%`),
  };
}

/** Lines just before the cursor looked at one by one first: a word in many lines is found there at once. */
const RECENT_WINDOW = 4_000;

export interface LogMatch {
  seq: string;
  level: LogLevel;
  message: string;
  timestamp: Date;
}

/**
 * The newest `limit` lines before `before` (a seq; none: the end) whose words contain the search, newest
 * first. A frequent word is found walking back from the cursor over the last few thousand lines; what is not
 * found there is looked up in the words' index (so a rare word costs its few matches, not the log's length).
 */
export async function searchAgentLogs(
  db: Db,
  owner: LogOwner,
  params: LogFilter & { q: string; before?: string; limit?: number },
): Promise<{ matches: LogMatch[]; nextCursor: string | null }> {
  const limit = params.limit ?? 50;
  const col = ownerColumn(owner);
  const { words, phrase, contains } = searchQuery(params.q);
  const [q] = await db.query<{ q: string | null }>(
    `select nullif((phraseto_tsquery('simple', $1) || coalesce(nullif($2, '')::tsquery, ''::tsquery))::text, '') as q`,
    [phrase, words],
  );
  if (!q?.q) return { matches: [], nextCursor: null };
  const select = `select seq, level, left(message, 300) as message, timestamp from agent_logs
                   where ${col} = $1 and to_tsvector('simple', left(message, 20000)) @@ ($2::tsquery) and ${filterSql(3)}`;
  const head = [ownerId(owner), q.q, ...filterParams(params)];
  const rows = await db.transaction(async (tx) => {
    // the top of the range: one past the newest line when there is no cursor
    const [top] = await tx.query<{ seq: string | null }>(
      `select coalesce($2::bigint, (select max(seq) + 1 from agent_logs where ${col} = $1)) as seq`,
      [ownerId(owner), params.before ?? null],
    );
    if (!top?.seq) return [];
    const floor = (BigInt(top.seq) - BigInt(RECENT_WINDOW)).toString();
    // the plans are chosen here: the planner cannot tell a frequent word from a rare one by its prefix
    await tx.query('set local enable_bitmapscan = off');
    // the words as plain text first: a line without them is passed over without being parsed into words (parsing
    // the few thousand lines of the window was most of a search for a rare word: 0.3-0.5 s on a busy machine)
    const recent = await tx.query<LogMatch>(
      `${select} and seq < $5 and seq >= $6
         and lower(left(message, 20000)) like all (array(select lower(w) from unnest($8::text[]) w))
       order by seq desc limit $7`,
      [...head, top.seq, floor, limit + 1, contains],
    );
    if (recent.length > limit) return recent;
    await tx.query('set local enable_bitmapscan = on');
    await tx.query('set local enable_indexscan = off');
    await tx.query('set local enable_seqscan = off');
    const rest = await tx.query<LogMatch>(`${select} and seq < $5 order by seq desc limit $6`, [
      ...head,
      floor,
      limit + 1 - recent.length,
    ]);
    return [...recent, ...rest];
  });
  const matches = rows.slice(0, limit);
  return { matches, nextCursor: rows.length > limit ? matches.at(-1)!.seq : null };
}
