// API figures, in-process: 200 SSE clients on the embedded database (delivery rate, outbox-insert → client
// latency); then, on PGlite and on Postgres, the bench data set (100,000 content items of real text, 10,000
// sessions: bench-data.ts): search for a rare, a common and a very common word, and the list endpoints on their
// first page and deep (page 100, through the cursors), plus a session with 1,000,000 log lines (PGlite).
import { performance } from 'node:perf_hooks';
import { appendEvent, openDb, shareDb } from '@agent-studio/database';
import { benchDatabase, searchWords } from '@agent-studio/database/bench-data';
import { createPgliteDatabase } from '@agent-studio/database/testing';
import * as eventsRoute from '@/app/api/events/route';
import * as gtmRoute from '@/app/api/gtm/outputs/route';
import * as sessionsRoute from '@/app/api/agents/sessions/route';
import * as sessionRoute from '@/app/api/agents/sessions/[id]/route';

const CLIENTS = 200;
const EVENTS = 200;
const LOG_LINES = 1_000_000;
const DEEP_PAGE = 100;

/** BENCH_DRIVERS=postgres (or pglite) runs one. */
const DRIVERS = (process.env.BENCH_DRIVERS ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

const t = await createPgliteDatabase();
const db = t.db;
shareDb(db);

// --- SSE fan-out
const latencies: number[] = [];
let delivered = 0;
const aborts: AbortController[] = [];
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    const ac = new AbortController();
    aborts.push(ac);
    const res = await eventsRoute.GET(new Request('http://bench/api/events?channels=system', { signal: ac.signal }));
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      let buf = '';
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done) return;
        buf += decoder.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          const sentAt = Date.parse(JSON.parse(data.slice(6)).payload.since);
          latencies.push(Date.now() - sentAt);
          delivered++;
        }
      }
    })();
  }),
);
const started = performance.now();
for (let i = 0; i < EVENTS; i++) {
  await db.transaction((tx) =>
    appendEvent(tx, 'system', 'gateway.status', { connected: true, since: new Date().toISOString(), version: null }),
  );
  await new Promise((r) => setTimeout(r, 5));
}
while (delivered < CLIENTS * EVENTS && performance.now() - started < 60_000)
  await new Promise((r) => setTimeout(r, 20));
const seconds = (performance.now() - started) / 1000;
aborts.forEach((a) => a.abort());
console.log(
  `SSE, ${CLIENTS} clients on PGlite: ${delivered.toLocaleString('en')} of ${(CLIENTS * EVENTS).toLocaleString('en')} events delivered, ${Math.round(delivered / seconds).toLocaleString('en')} events/s`,
);
console.log(
  `  outbox insert → client latency p50 ${pct(latencies, 50)} ms, p99 ${pct(latencies, 99)} ms (target p99 < 100 ms)`,
);

await t.drop();

async function measure(name: string, fn: () => Promise<Response>, target: number) {
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const res = await fn();
    await res.json();
    if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
    times.push(performance.now() - t0);
  }
  console.log(
    `  ${name.padEnd(58)} p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms (target p95 < ${target} ms)`,
  );
}
const get = (path: string) => new Request(`http://bench${path}`);

/** The cursor of page `n` of a list endpoint (following nextCursor from the first page). */
async function cursorOfPage(handler: (r: Request) => Promise<Response>, path: string, n: number): Promise<string> {
  let cursor = '';
  for (let page = 1; page < n; page++) {
    const body = await (await handler(get(`${path}${cursor ? `&cursor=${cursor}` : ''}`))).json();
    if (!body.nextCursor) throw new Error(`${path}: only ${page} pages`);
    cursor = body.nextCursor;
  }
  return cursor;
}

for (const kind of DRIVERS) {
  const bench = await benchDatabase(kind);
  const db = await openDb({ databaseUrl: bench.url, dataDir: bench.dataDir ?? '' });
  shareDb(db);
  try {
    console.log(
      `\n${kind === 'pglite' ? 'PGlite' : 'Postgres'}: 100,000 content items (1-2 KB of real text each), 10,000 sessions`,
    );
    const words = await searchWords(db, [0.002, 0.04, 0.4]);
    for (const [label, w] of [
      ['rare', words[0]!],
      ['common', words[1]!],
      ['very common', words[2]!],
    ] as const) {
      const name = `search ${label} "${w.word}" (${(w.share * 100).toFixed(1)}% of items)`;
      await measure(name, () => gtmRoute.GET(get(`/api/gtm/outputs?search=${w.word}&limit=50`)), 100);
    }
    for (const [name, path, handler] of [
      ['GET /api/gtm/outputs (newest)', '/api/gtm/outputs?limit=50', gtmRoute.GET],
      ['GET /api/gtm/outputs?sort=priority', '/api/gtm/outputs?sort=priority&limit=50', gtmRoute.GET],
      ['GET /api/gtm/outputs?status=pending_review', '/api/gtm/outputs?status=pending_review&limit=50', gtmRoute.GET],
      [
        `GET /api/gtm/outputs?search=${words[2]!.word}`,
        `/api/gtm/outputs?search=${words[2]!.word}&limit=50`,
        gtmRoute.GET,
      ],
      ['GET /api/agents/sessions', '/api/agents/sessions?limit=50', sessionsRoute.GET],
    ] as const) {
      await measure(`${name}, page 1`, () => handler(get(path)), 50);
      const cursor = await cursorOfPage(handler, path, DEEP_PAGE);
      await measure(`${name}, page ${DEEP_PAGE}`, () => handler(get(`${path}&cursor=${cursor}`)), 50);
    }
    await measure(
      'GET /api/agents/sessions?status=running',
      () => sessionsRoute.GET(get('/api/agents/sessions?status=running&limit=50')),
      50,
    );
    if (kind === 'pglite') {
      const [{ id: sessionId }] = (await db.query<{ id: string }>(
        `insert into agent_sessions (session_key, agent_name, agent_type, status) values ('bench:logs', 'bench', 'singleton', 'running') returning id`,
      )) as [{ id: string }];
      await db.query(
        `insert into agent_logs (session_id, level, message, timestamp)
         select $1, (array['debug','info','warn','error'])[1 + g % 4], 'line ' || g, now() - make_interval(secs => $2 - g) from generate_series(1, $2) g`,
        [sessionId, LOG_LINES],
      );
      await measure(
        `GET /api/agents/sessions/:id (${LOG_LINES.toLocaleString('en')} log lines)`,
        () => sessionRoute.GET(get(`/api/agents/sessions/${sessionId}`), ctx({ id: sessionId })),
        50,
      );
    }
  } finally {
    await db.close();
    await bench.drop();
  }
}
process.exit(0);
