// Database figures on both drivers: outbox append and replay, keyset paging of a large run table, and
// full-text search over the content queue.
import { performance } from 'node:perf_hooks';
import { appendEvent, listCronRuns, listEventsSince, listGtmOutputs, type Db } from '../src/index';
import { onEachDriver, testCronJob, type TestDatabase } from '../test/kit/testing';

const EVENTS = 2_000;
const RUNS = 100_000;
const OUTPUTS = 5_000;

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, performance.now() - t];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function bench(name: string, t: TestDatabase) {
  const db: Db = t.db;
  const [, appendMs] = await time(async () => {
    for (let i = 0; i < EVENTS; i++)
      await db.transaction((tx) =>
        appendEvent(tx, 'system', 'gateway.status', {
          connected: true,
          since: new Date().toISOString(),
          version: null,
        }),
      );
  });
  const [replayed, replayMs] = await time(async () => {
    let after = '0';
    let n = 0;
    for (;;) {
      const page = await listEventsSince(db, { afterId: after, limit: 500 });
      n += page.length;
      if (page.length < 500) return n;
      after = page.at(-1)!.id;
    }
  });

  const job = await db.transaction((tx) =>
    testCronJob(tx, { source: 'bench', externalId: 'j', name: 'bench job', schedule: '* * * * *' }),
  );
  await db.query(
    `insert into cron_runs (job_id, external_id, started_at, finished_at, status, duration_ms)
     select $1, g::text, now() - make_interval(mins => g), now() - make_interval(mins => g) + interval '20 seconds',
            case when g % 10 = 0 then 'failed' else 'completed' end, 20000
       from generate_series(1, $2) g`,
    [job.id, RUNS],
  );
  await db.query('analyze cron_runs');
  const pageTimes: number[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const [page, ms] = await time(() => listCronRuns(db, { jobId: job.id, cursor, limit: 50 }));
    pageTimes.push(ms);
    cursor = page.nextCursor ?? undefined;
  }
  const [, deepMs] = await time(() => listCronRuns(db, { jobId: job.id, cursor, limit: 50 }));

  await db.query(
    `insert into gtm_outputs (title, content_type, content_md, source_file_path)
     select 'Post ' || g || case when g % 50 = 0 then ' about pricing' else '' end, 'blog',
            repeat('Agents write content every day. ', 20) || case when g % 7 = 0 then ' pricing changes' else '' end, '/bench/' || g || '.md'
       from generate_series(1, $1) g`,
    [OUTPUTS],
  );
  await db.query('analyze gtm_outputs');
  const searchTimes: number[] = [];
  for (let i = 0; i < 10; i++)
    searchTimes.push((await time(() => listGtmOutputs(db, { search: 'pricing', limit: 20 })))[1]);

  console.log(`${name}:`);
  console.log(
    `  outbox append         ${(appendMs / EVENTS).toFixed(2)} ms/event (one transaction each, ${EVENTS} events)`,
  );
  console.log(
    `  outbox replay         ${replayed} events in ${replayMs.toFixed(0)} ms (${((replayed / replayMs) * 1000).toFixed(0)} events/s)`,
  );
  console.log(
    `  cron runs keyset page median ${median(pageTimes).toFixed(1)} ms over ${RUNS.toLocaleString('en')} runs; page 21: ${deepMs.toFixed(1)} ms`,
  );
  console.log(
    `  content search        median ${median(searchTimes).toFixed(1)} ms over ${OUTPUTS.toLocaleString('en')} items`,
  );
}

await onEachDriver(bench);
