// Log lines at the size of a year of a busy install (issue 21 item 2): 1,000,000 lines, two sessions of
// 300,000 each and the rest over 4,000 sessions, on the 10,000 sessions of bench-data.ts. Each line is a
// sentence of the documentation under node_modules (real word frequencies) after its number in its session
// ("step 123: …"), some with a tool. Built once per schema and kept (a PGlite folder under .cache/bench-log-db,
// a Postgres template), apart from the content data set: a run gets its own copy.
import type { Queryable } from '../../src/db';
import { loadCorpus, loadSessions, seeded } from './bench-data';
import { cachedBenchDatabase } from './bench-database';

export const LOG_BENCH = { sessions: 10_000, lines: 1_000_000, big: 2, bigLines: 300_000, small: 4_000 };
/** Raise when what `loadLogs` writes changes. */
const LOG_BENCH_VERSION = 2;

/** Sentences of the corpus, 30-240 characters: what the lines say after their number. */
function sentences(count: number): string[] {
  const rand = seeded(7);
  const out: string[] = [];
  const { docs } = loadCorpus();
  while (out.length < count) {
    const doc = docs[Math.floor(rand() * docs.length)]!;
    const p = doc.paragraphs[Math.floor(rand() * doc.paragraphs.length)]!.md;
    for (const s of p.replace(/\s+/g, ' ').split(/(?<=[.!?])\s/))
      if (s.length >= 30 && s.length <= 240 && out.length < count) out.push(s);
  }
  return out;
}

/** The sessions given the long logs (the newest finished ones), then the lines. */
export async function loadLogs(db: Queryable): Promise<void> {
  await db.query('create temporary table bench_sentences (i int primary key, text text not null)');
  const texts = sentences(5_000);
  await db.query(`insert into bench_sentences select ord - 1, t from unnest($1::text[]) with ordinality as s(t, ord)`, [
    texts,
  ]);
  const sessions = await db.query<{ id: string }>(
    `select id from agent_sessions where status = 'completed' order by started_at desc limit $1`,
    [LOG_BENCH.big + LOG_BENCH.small],
  );
  const smallLines = Math.floor((LOG_BENCH.lines - LOG_BENCH.big * LOG_BENCH.bigLines) / LOG_BENCH.small);
  const insert = (sessionId: string, from: number, to: number) =>
    db.query(
      `insert into agent_logs (session_id, external_id, level, message, tool_name, tool_input, timestamp)
       select $1, 'l' || g,
              case when g % 97 = 0 then 'error' when g % 13 = 0 then 'debug' when g % 31 = 0 then 'warn' when g % 7 = 0 then 'thought' else 'info' end,
              'step ' || g || ': ' || (select text from bench_sentences where i = ((g::bigint * 7919 + $4) % $5)::int),
              case when g % 11 = 0 then (array['web_search', 'read', 'write', 'exec', 'browser'])[1 + (g / 11) % 5] end,
              case when g % 11 = 0 then jsonb_build_object('query', 'step ' || g) end,
              -- a line every 2 s up to a few days ago: within the 30 days the studio keeps lines for
              now() - interval '10 days' + g * interval '2 seconds'
         from generate_series($2::int, $3::int) g`,
      [sessionId, from, to, sessionId.charCodeAt(35), texts.length],
    );
  for (const [k, s] of sessions.entries()) {
    const lines = k < LOG_BENCH.big ? LOG_BENCH.bigLines : smallLines;
    for (let from = 1; from <= lines; from += 50_000) await insert(s.id, from, Math.min(lines, from + 49_999));
  }
}

/** The ids of the sessions with the long logs. */
export async function bigLogSessions(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ session_id: string }>(
    `select s.id as session_id from agent_sessions s
      where s.status = 'completed' and exists (select 1 from agent_logs l where l.session_id = s.id and l.external_id = $1)
      order by s.started_at desc limit $2`,
    [`l${LOG_BENCH.bigLines}`, LOG_BENCH.big],
  );
  return rows.map((r) => r.session_id);
}

/** A migrated database holding the sessions and log lines, each run on its own copy (see the header). */
export function benchLogDatabase(kind: 'pglite' | 'postgres', log: (msg: string) => void = console.log) {
  return cachedBenchDatabase(kind, {
    name: 'logbench',
    cacheDir: '.cache/bench-log-db',
    what: `log bench data set (${LOG_BENCH.lines.toLocaleString('en')} lines, two sessions of ${LOG_BENCH.bigLines.toLocaleString('en')})`,
    version: { LOG_BENCH_VERSION, LOG_BENCH },
    log,
    load: async (db) => {
      await loadSessions(db, LOG_BENCH.sessions);
      await loadLogs(db);
    },
  });
}
