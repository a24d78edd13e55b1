// API figures on the embedded database (PGlite), in-process: 200 SSE clients (delivery rate, outbox-insert →
// client latency) and the list endpoints with 100,000 content items and 1,000,000 log lines loaded.
import { performance } from 'node:perf_hooks';
import { appendEvent, shareDb } from '@agent-studio/database';
import { createPgliteDatabase } from '@agent-studio/database/testing';
import * as eventsRoute from '@/app/api/events/route';
import * as gtmRoute from '@/app/api/gtm/outputs/route';
import * as sessionsRoute from '@/app/api/agents/sessions/route';
import * as sessionRoute from '@/app/api/agents/sessions/[id]/route';

const CLIENTS = 200;
const EVENTS = 200;
const OUTPUTS = 100_000;
const LOG_LINES = 1_000_000;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
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
  await db.transaction((tx) => appendEvent(tx, 'system', 'gateway.status', { connected: true, since: new Date().toISOString(), version: null }));
  await new Promise((r) => setTimeout(r, 5));
}
while (delivered < CLIENTS * EVENTS && performance.now() - started < 60_000) await new Promise((r) => setTimeout(r, 20));
const seconds = (performance.now() - started) / 1000;
aborts.forEach((a) => a.abort());
console.log(`SSE, ${CLIENTS} clients on PGlite: ${delivered.toLocaleString('en')} of ${(CLIENTS * EVENTS).toLocaleString('en')} events delivered, ${Math.round(delivered / seconds).toLocaleString('en')} events/s`);
console.log(`  outbox insert → client latency p50 ${pct(latencies, 50)} ms, p99 ${pct(latencies, 99)} ms (target p99 < 100 ms)`);

// --- lists on large tables
let t0 = performance.now();
await db.query(
  `insert into gtm_outputs (title, content_type, status, priority, content_md, source_file_path, tags)
   select 'Post ' || g || case when g % 100 = 0 then ' on pricing' else '' end,
          (array['blog_post','social','newsletter'])[1 + g % 3], (array['draft','pending_review','approved','published','archived'])[1 + g % 5],
          1 + g % 10, 'Agents write about launches, onboarding and growth. ' || case when g % 37 = 0 then 'Pricing pages changed.' else '' end,
          '/bench/' || g || '.md', array['bench']
     from generate_series(1, $1) g`,
  [OUTPUTS],
);
const [{ id: sessionId }] = (await db.query<{ id: string }>(
  `insert into agent_sessions (session_key, agent_name, agent_type, status) values ('bench:main', 'bench', 'singleton', 'running') returning id`,
)) as [{ id: string }];
await db.query(
  `insert into agent_sessions (session_key, agent_name, agent_type, status, last_activity_at)
   select 'bench:' || g, 'agent ' || g, 'subagent', (array['running','completed','error'])[1 + g % 3], now() - make_interval(secs => g) from generate_series(1, 5000) g`,
);
await db.query(
  `insert into agent_logs (session_id, level, message, timestamp)
   select $1, (array['debug','info','warn','error'])[1 + g % 4], 'line ' || g, now() - make_interval(secs => $2 - g) from generate_series(1, $2) g`,
  [sessionId, LOG_LINES],
);
await db.query('analyze');
console.log(`\nloaded ${OUTPUTS.toLocaleString('en')} content items, 5,000 sessions and ${LOG_LINES.toLocaleString('en')} log lines in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

async function measure(name: string, fn: () => Promise<Response>, target: number) {
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    t0 = performance.now();
    const res = await fn();
    await res.json();
    if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
    times.push(performance.now() - t0);
  }
  console.log(`  ${name.padEnd(44)} p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms (target p95 < ${target} ms)`);
}
const get = (path: string) => new Request(`http://bench${path}`);
await measure('GET /api/gtm/outputs?status=pending_review', () => gtmRoute.GET(get('/api/gtm/outputs?status=pending_review&limit=50')), 50);
await measure('GET /api/gtm/outputs?sort=priority&offset=5000', () => gtmRoute.GET(get('/api/gtm/outputs?sort=priority&limit=50&offset=5000')), 50);
await measure('GET /api/gtm/outputs?search=pricing', () => gtmRoute.GET(get('/api/gtm/outputs?search=pricing&limit=20')), 100);
await measure('GET /api/agents/sessions?status=running', () => sessionsRoute.GET(get('/api/agents/sessions?status=running&limit=50')), 50);
await measure('GET /api/agents/sessions/:id (with its logs)', () => sessionRoute.GET(get(`/api/agents/sessions/${sessionId}`), ctx({ id: sessionId })), 50);
await t.drop();
process.exit(0);
