// Benchmark data at the size of a year of a busy install, built from real text: content items are windows of
// the markdown documentation shipped in node_modules (READMEs, docs), 1-2 KB each, so word frequencies are
// those of real prose (a handful of words in most items, a long tail in few); sessions are swarms, chats and
// cron sessions with usage. Deterministic (seeded), so runs compare.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMarkdown } from '@agent-studio/core/markdown';
import type { Queryable } from '../../src/db';
import { cachedBenchDatabase } from './bench-database';
import { seeded } from './seeded';

export type { BenchDatabase } from './bench-database';
export { seeded };

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

function markdownFiles(dir: string, out: string[] = [], depth = 0): string[] {
  if (depth > 6) return out;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory() || (e.isSymbolicLink() && safeIsDir(p))) markdownFiles(p, out, depth + 1);
    else if (e.name.toLowerCase().endsWith('.md') && statSync(p).size > 2048) out.push(p);
  }
  return out;
}

const safeIsDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** The prose paragraphs of one markdown file: code, tables, HTML, badges and link lists left out. */
function paragraphs(md: string): string[] {
  return md
    .replace(/```[\s\S]*?```/g, '')
    .replace(/[\uD800-\uDFFF]/g, '')
    .replaceAll('\0', '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(
      (p) =>
        p.length >= 80 &&
        p.length <= 1200 &&
        !/^(\||<|!\[|\[!\[| {4})/.test(p) &&
        /[a-z]{3,} [a-z]{3,} [a-z]{3,}/.test(p),
    );
}

export interface Corpus {
  /** Per document: its title (first heading) and prose paragraphs, each with its HTML. */
  docs: { title: string; paragraphs: { md: string; html: string }[] }[];
}

let corpus: Corpus | undefined;

/** The documentation under node_modules as paragraphs (read once, and kept under .cache while node_modules stays the same). */
export function loadCorpus(): Corpus {
  if (corpus) return corpus;
  const files = markdownFiles(join(ROOT, 'node_modules')).sort();
  const key = createHash('sha256')
    .update(`v1\n${files.map((f) => `${f}:${statSync(f).size}`).join('\n')}`)
    .digest('hex')
    .slice(0, 16);
  const cached = join(ROOT, '.cache', `bench-corpus-${key}.json`);
  if (existsSync(cached)) return (corpus = JSON.parse(readFileSync(cached, 'utf8')) as Corpus);
  const docs: Corpus['docs'] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const md = readFileSync(file, 'utf8');
    const paras = paragraphs(md).filter((p) => !seen.has(p) && (seen.add(p), true));
    if (paras.length < 3) continue;
    const title =
      /^#{1,3} +(.+)$/m
        .exec(md)?.[1]
        ?.replace(/[`*_[\]<>]/g, '')
        .trim()
        .slice(0, 80) || file.split('/').at(-2)!;
    docs.push({ title, paragraphs: paras.map((p) => ({ md: p, html: renderMarkdown(p) })) });
  }
  if (docs.length < 20)
    throw new Error(`only ${docs.length} markdown documents with prose under node_modules: run npm install`);
  mkdirSync(dirname(cached), { recursive: true });
  writeFileSync(cached, JSON.stringify({ docs }));
  return (corpus = { docs });
}

export interface ContentItem {
  title: string;
  contentType: string;
  status: string;
  priority: number;
  contentMd: string;
  contentHtml: string;
  tags: string[];
  createdAt: Date;
}

const TYPES = ['blog_post', 'social', 'newsletter', 'landing_page', 'email'];
const STATUSES = ['draft', 'pending_review', 'approved', 'published', 'archived'];
const TAGS = ['launch', 'docs', 'guide', 'release', 'howto', 'update', 'tutorial', 'notes'];
const YEAR_MS = 365 * 24 * 3600 * 1000;

/** Item `i` of the content set: 1-2 KB of consecutive paragraphs of one document, created over the past year. */
export function contentItem(i: number, count: number, now = Date.now()): ContentItem {
  const { docs } = loadCorpus();
  const rand = seeded(i * 7919 + 17);
  const doc = docs[Math.floor(rand() * docs.length)]!;
  const target = 1024 + Math.floor(rand() * 1024);
  const start = Math.floor(rand() * doc.paragraphs.length);
  const md: string[] = [];
  const html: string[] = [];
  let size = 0;
  for (let k = 0; size < target && k < doc.paragraphs.length; k++) {
    const p = doc.paragraphs[(start + k) % doc.paragraphs.length]!;
    md.push(p.md);
    html.push(p.html);
    size += p.md.length + 2;
  }
  const first = md[0]!
    .replace(/[#*_`[\]()>]/g, '')
    .split(/[.!?]\s/)[0]!
    .slice(0, 70)
    .trim();
  return {
    title: `${doc.title}: ${first}`,
    contentType: TYPES[Math.floor(rand() * TYPES.length)]!,
    status: STATUSES[Math.floor(rand() * STATUSES.length)]!,
    priority: 1 + Math.floor(rand() * 10),
    contentMd: upTo(md.join('\n\n'), 2048),
    contentHtml: html.join('\n'),
    tags: [TAGS[Math.floor(rand() * TAGS.length)]!],
    // evenly over the year, newest last, with a little jitter (ties at equal times happen too)
    createdAt: new Date(now - YEAR_MS + Math.floor(((i + rand()) / count) * YEAR_MS)),
  };
}

/** At most `max` characters, cut at a space (never inside a surrogate pair). */
const upTo = (text: string, max: number) => (text.length <= max ? text : text.slice(0, text.lastIndexOf(' ', max)));

async function inBatches(total: number, batch: number, fn: (from: number, to: number) => Promise<unknown>) {
  for (let from = 0; from < total; from += batch) await fn(from, Math.min(total, from + batch));
}

/** Inserts `count` content items (the search trigger indexes each) and analyzes the table. */
export async function loadContent(db: Queryable, count: number): Promise<void> {
  const now = Date.now();
  await inBatches(count, 500, async (from, to) => {
    const items = Array.from({ length: to - from }, (_, k) => contentItem(from + k, count, now));
    await db.query(
      `insert into gtm_outputs (title, content_type, status, priority, content_md, content_html, tags, source_file_path, created_at, updated_at)
       select title, content_type, status, priority, content_md, content_html, tags, '/bench/' || n || '.md', created_at, created_at
         from jsonb_to_recordset($1::jsonb) as r(n int, title text, content_type text, status text, priority int, content_md text,
                                                  content_html text, tags text[], created_at timestamptz)`,
      [
        JSON.stringify(
          items.map((it, k) => ({
            n: from + k,
            title: it.title,
            content_type: it.contentType,
            status: it.status,
            priority: it.priority,
            content_md: it.contentMd,
            content_html: it.contentHtml,
            tags: it.tags,
            created_at: it.createdAt,
          })),
        ),
      ],
    );
  });
  await db.query('analyze gtm_outputs');
}

/** Words to search for: the stems whose share of items is nearest to each target (from the loaded rows). */
export async function searchWords(
  db: Queryable,
  shares: readonly number[],
): Promise<{ word: string; share: number }[]> {
  const [{ n }] = (await db.query<{ n: number }>('select count(*)::int as n from gtm_outputs')) as [{ n: number }];
  const stats = await db.query<{ word: string; ndoc: number }>(
    `select word, ndoc from ts_stat('select search_vector from gtm_outputs') where length(word) between 5 and 10 and word ~ '^[a-z]+$'`,
  );
  return shares.map((share) => {
    const best = stats.reduce((a, b) => (Math.abs(b.ndoc / n - share) < Math.abs(a.ndoc / n - share) ? b : a));
    return { word: best.word, share: best.ndoc / n };
  });
}

const AGENTS = [
  'researcher',
  'writer',
  'editor',
  'planner',
  'coder',
  'reviewer',
  'scout',
  'analyst',
  'publisher',
  'triage',
];
const MODELS = ['claude-sonnet-4', 'gpt-5-mini', 'claude-haiku-4', 'gemini-2.5-pro'];

/**
 * `count` sessions over the past year: chats, cron sessions and swarms (a root with 2-5 sub-agents, a few of
 * them with sub-agents of their own), a dozen still running, usage and cost on each.
 */
export async function loadSessions(db: Queryable, count: number): Promise<void> {
  const now = Date.now();
  const rand = seeded(42);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; rows.length < count; i++) {
    const started = now - YEAR_MS + Math.floor((rows.length / count) * YEAR_MS);
    const running = rows.length >= count - 40 && rand() < 0.3;
    const kind = rand();
    const type = kind < 0.25 ? 'swarm' : kind < 0.6 ? 'singleton' : 'cron';
    const root = session(rows.length, `bench:${i}`, type, null, 0, started, running, rand);
    rows.push(root);
    if (type !== 'swarm') continue;
    const children = 2 + Math.floor(rand() * 4);
    for (let c = 0; c < children && rows.length < count; c++) {
      const child = session(
        rows.length,
        `bench:${i}:sub:${c}`,
        'subagent',
        root,
        1,
        started + (c + 1) * 20_000,
        running && c === 0,
        rand,
      );
      rows.push(child);
      if (rand() < 0.15 && rows.length < count)
        rows.push(
          session(
            rows.length,
            `bench:${i}:sub:${c}:sub`,
            'subagent',
            child,
            2,
            started + (c + 2) * 30_000,
            false,
            rand,
          ),
        );
    }
  }
  await inBatches(rows.length, 1000, (from, to) =>
    db.query(
      `insert into agent_sessions (id, session_key, agent_name, agent_type, status, agent_id, parent_session_key, parent_session_id, swarm_id,
                                   spawn_depth, task_description, progress_message, started_at, last_activity_at, completed_at,
                                   token_usage, cost_usd, model, provider, progress_percent)
       select id, session_key, agent_name, agent_type, status, agent_id, parent_session_key, parent_session_id, swarm_id, spawn_depth,
              task_description, progress_message, started_at, last_activity_at, completed_at, token_usage, cost_usd, model, provider,
              case when status = 'completed' then 100 else 0 end
         from jsonb_to_recordset($1::jsonb) as r(id uuid, session_key text, agent_name text, agent_type text, status text, agent_id text,
              parent_session_key text, parent_session_id uuid, swarm_id uuid, spawn_depth int, task_description text, progress_message text,
              started_at timestamptz, last_activity_at timestamptz, completed_at timestamptz, token_usage jsonb, cost_usd numeric,
              model text, provider text)`,
      [JSON.stringify(rows.slice(from, to))],
    ),
  );
  await db.query('analyze agent_sessions');
}

function session(
  n: number,
  key: string,
  type: string,
  parent: Record<string, unknown> | null,
  depth: number,
  startedMs: number,
  running: boolean,
  rand: () => number,
) {
  const id = uuidOf(n);
  const agent = AGENTS[Math.floor(rand() * AGENTS.length)]!;
  const duration = 5_000 + Math.floor(rand() * 600_000);
  const status = running ? 'running' : rand() < 0.08 ? 'error' : rand() < 0.03 ? 'cancelled' : 'completed';
  const input = Math.floor(rand() * 200_000);
  const output = Math.floor(rand() * 20_000);
  const cacheRead = Math.floor(rand() * 100_000);
  const ended = running ? null : new Date(startedMs + duration);
  return {
    id,
    session_key: key,
    agent_name: agent,
    agent_type: type,
    status,
    agent_id: agent,
    parent_session_key: parent ? parent.session_key : null,
    parent_session_id: parent ? parent.id : null,
    swarm_id: parent ? (parent.swarm_id ?? parent.id) : null,
    spawn_depth: depth,
    task_description: `${agent} task ${n}: ${type === 'cron' ? 'scheduled digest' : 'look into the open items and report back'}`,
    progress_message: running ? 'working' : status === 'error' ? 'provider returned 529 overloaded' : 'done',
    started_at: new Date(startedMs),
    last_activity_at: ended ?? new Date(),
    completed_at: ended,
    token_usage: { input, output, cacheRead, cacheWrite: 0, total: input + output + cacheRead, source: 'gateway' },
    cost_usd: Math.round((input * 3 + output * 15) / 1e4) / 100,
    model: MODELS[Math.floor(rand() * MODELS.length)]!,
    provider: 'bench',
  };
}

const uuidOf = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const BENCH_SIZES = { content: 100_000, sessions: 10_000 };
/** Raise when what `contentItem` or `loadSessions` write changes (the cached data sets are then rebuilt). */
const BENCH_DATA_VERSION = 1;

/**
 * A migrated database holding BENCH_SIZES of content and sessions, each run on its own copy. The loaded data
 * is kept (a PGlite folder under .cache/bench-db, a Postgres template database) for as long as the migrations
 * and this file stay the same: loading takes minutes, copying seconds.
 */
export function benchDatabase(kind: 'pglite' | 'postgres', log: (msg: string) => void = console.log) {
  return cachedBenchDatabase(kind, {
    name: 'bench',
    cacheDir: '.cache/bench-db',
    what: `bench data set (${BENCH_SIZES.content.toLocaleString('en')} content items, ${BENCH_SIZES.sessions.toLocaleString('en')} sessions)`,
    version: { BENCH_DATA_VERSION, BENCH_SIZES },
    log,
    load: async (db) => {
      await loadContent(db, BENCH_SIZES.content);
      await loadSessions(db, BENCH_SIZES.sessions);
    },
  });
}
