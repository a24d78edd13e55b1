// A log through the API in pages (issue 21 item 2): the newest page with the log's size and tools, older and
// newer pages and the lines around one by seq, search with a cursor, the live stream from a seq on, and a
// host-cron run's own lines; bad queries are 400s naming the field.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import {
  ensureHostCronJob,
  insertAgentLogs,
  insertRunLogs,
  upsertAgentSession,
  upsertCronRun,
  type Db,
} from '@agent-studio/database';
import * as linesRoute from '@/app/api/agents/sessions/[id]/logs/lines/route';
import * as searchRoute from '@/app/api/agents/sessions/[id]/logs/search/route';
import * as streamRoute from '@/app/api/agents/sessions/[id]/logs/route';
import * as runLinesRoute from '@/app/api/cron/runs/[id]/logs/lines/route';
import * as runSearchRoute from '@/app/api/cron/runs/[id]/logs/search/route';
import { call, readSse, useStudio } from './fixture';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const LINES = 1_200;

async function sessionWithLines(db: Db, status: 'running' | 'completed') {
  const { row } = await upsertAgentSession(db, {
    sessionKey: `agent:main:big:${randomUUID()}`,
    agentName: 'researcher',
    agentType: 'singleton',
    status,
  });
  await insertAgentLogs(
    db,
    row.id,
    Array.from({ length: LINES }, (_, k) => ({
      externalId: `m${k + 1}`,
      level: k % 50 === 0 ? ('error' as const) : ('info' as const),
      message: `line ${k + 1} ${k + 1 === 321 ? 'the needle is here' : 'hay'}`,
      timestamp: new Date(Date.UTC(2026, 0, 1) + k * 1000),
      toolName: k % 2 ? 'read' : null,
    })),
  );
  return row;
}

type Line = { seq: string; line: number; message: string; level: string };
const numbers = (lines: Line[]) => lines.map((l) => l.line);

describeEachDriver('log pages API', (get) => {
  useStudio(get, { bridge: false });

  test('the newest page with the size and tools; older, newer and around pages by seq; every number in the whole log', async () => {
    const s = await sessionWithLines(get().db, 'completed');
    const url = (qs: string) => `/api/agents/sessions/${s.id}/logs/lines?${qs}`;
    const tail = await call(linesRoute.GET, 'GET', url('limit=100'), { params: { id: s.id } });
    assert.equal(tail.status, 200, JSON.stringify(tail.json));
    assert.deepEqual(
      [tail.json.total, tail.json.tools, tail.json.hasOlder, tail.json.hasNewer],
      [LINES, ['read'], true, false],
    );
    assert.deepEqual(
      numbers(tail.json.lines),
      Array.from({ length: 100 }, (_, i) => LINES - 99 + i),
    );
    assert.equal(tail.json.lines.at(-1).message, `line ${LINES} hay`);

    const older = await call(linesRoute.GET, 'GET', url(`before=${tail.json.lines[0].seq}&limit=50`), {
      params: { id: s.id },
    });
    assert.deepEqual(
      numbers(older.json.lines),
      Array.from({ length: 50 }, (_, i) => LINES - 149 + i),
    );
    assert.equal(older.json.total, undefined, 'the size comes with the newest page only');

    const newer = await call(linesRoute.GET, 'GET', url(`after=${older.json.lines[0].seq}&limit=10`), {
      params: { id: s.id },
    });
    assert.deepEqual(
      numbers(newer.json.lines),
      Array.from({ length: 10 }, (_, i) => LINES - 148 + i),
    );
    assert.equal(newer.json.hasNewer, true);

    const errors = await call(linesRoute.GET, 'GET', url('level=error&limit=3'), { params: { id: s.id } });
    assert.deepEqual(numbers(errors.json.lines), [1051, 1101, 1151]);
    assert.ok(errors.json.lines.every((l: Line) => l.level === 'error'));
  });

  test('search: matches newest first with a cursor, then the lines around one', async () => {
    const s = await sessionWithLines(get().db, 'completed');
    const search = (qs: string) =>
      call(searchRoute.GET, 'GET', `/api/agents/sessions/${s.id}/logs/search?${qs}`, { params: { id: s.id } });
    const needle = await search('q=needle');
    assert.equal(needle.status, 200, JSON.stringify(needle.json));
    assert.deepEqual(
      needle.json.matches.map((m: Line) => m.message),
      ['line 321 the needle is here'],
    );
    assert.equal(needle.json.nextCursor, null);
    const around = await call(
      linesRoute.GET,
      'GET',
      `/api/agents/sessions/${s.id}/logs/lines?around=${needle.json.matches[0].seq}&limit=20`,
      { params: { id: s.id } },
    );
    assert.deepEqual(
      numbers(around.json.lines),
      Array.from({ length: 20 }, (_, i) => 311 + i),
    );

    const hay = await search('q=hay&limit=3');
    assert.deepEqual(
      hay.json.matches.map((m: Line) => m.message),
      [`line ${LINES} hay`, `line ${LINES - 1} hay`, `line ${LINES - 2} hay`],
    );
    const next = await search(`q=hay&limit=2&before=${hay.json.nextCursor}`);
    assert.deepEqual(
      next.json.matches.map((m: Line) => m.message),
      [`line ${LINES - 3} hay`, `line ${LINES - 4} hay`],
    );
    const errorsOnly = await search('q=hay&level=error&limit=1');
    assert.deepEqual(
      errorsOnly.json.matches.map((m: Line) => m.message),
      ['line 1151 hay'],
    );
    assert.deepEqual((await search('q=nowhere')).json.matches, []);
  });

  test('the stream from a seq on: only lines after it, then the live ones', async () => {
    const { db } = get();
    const s = await sessionWithLines(db, 'running');
    const tail = await call(linesRoute.GET, 'GET', `/api/agents/sessions/${s.id}/logs/lines?limit=1`, {
      params: { id: s.id },
    });
    const ac = new AbortController();
    const stream = await call(streamRoute.GET, 'GET', `/x?after=${tail.json.lines[0].seq}`, {
      params: { id: s.id },
      signal: ac.signal,
    });
    assert.equal(stream.status, 200);
    const reading = readSse(stream.response, (m) => m.event === 'log' && m.data.message === 'live one', 20_000);
    await insertAgentLogs(db, s.id, [
      { externalId: 'live', level: 'info', message: 'live one', timestamp: new Date() },
    ]);
    const messages = await reading;
    ac.abort();
    assert.deepEqual(
      messages.filter((m) => m.event === 'log').map((m) => m.data.message),
      ['live one'],
    );
  });

  test('a host-cron run’s own lines in pages and searched', async () => {
    const { db } = get();
    const job = await ensureHostCronJob(db, `backup-${randomUUID()}`, 'backup.sh');
    const { row: run } = await upsertCronRun(db, {
      jobId: job.id,
      externalId: randomUUID(),
      startedAt: new Date(),
      status: 'completed',
    });
    await insertRunLogs(
      db,
      run,
      Array.from({ length: 30 }, (_, i) => ({
        seq: i + 1,
        stream: i === 12 ? ('stderr' as const) : ('stdout' as const),
        text: i === 12 ? 'disk almost full' : `copied file ${i + 1}`,
        at: new Date(),
      })),
    );
    const page = await call(runLinesRoute.GET, 'GET', `/api/cron/runs/${run.id}/logs/lines?limit=5`, {
      params: { id: run.id },
    });
    assert.deepEqual([numbers(page.json.lines), page.json.total], [[26, 27, 28, 29, 30], 30]);
    const found = await call(runSearchRoute.GET, 'GET', `/api/cron/runs/${run.id}/logs/search?q=disk`, {
      params: { id: run.id },
    });
    assert.deepEqual(
      found.json.matches.map((m: Line) => [m.message, m.level]),
      [['disk almost full', 'warn']],
    );
    assert.equal((await call(runLinesRoute.GET, 'GET', '/x', { params: { id: UNKNOWN } })).status, 404, 'no such run');
  });

  test('bad queries are 400s naming the field; an unknown session is a 404', async () => {
    const s = await sessionWithLines(get().db, 'completed');
    for (const [qs, field] of [
      ['before=abc', 'before'],
      ['after=-1', 'after'],
      ['around=1.5', 'around'],
      ['before=1&after=2', 'before'],
      ['limit=0', 'limit'],
      ['limit=5000', 'limit'],
      ['level=info,loud', 'level'],
    ]) {
      const res = await call(linesRoute.GET, 'GET', `/x?${qs}`, { params: { id: s.id } });
      assert.equal(res.status, 400, qs);
      assert.ok(
        res.json.error.details.issues.some((i: { field: string }) => i.field.startsWith(field!)),
        `${qs}: ${JSON.stringify(res.json)}`,
      );
    }
    for (const qs of ['q=', 'q=%20%20', 'q=x&before=seq', `q=${'x'.repeat(501)}`])
      assert.equal((await call(searchRoute.GET, 'GET', `/x?${qs}`, { params: { id: s.id } })).status, 400, qs);
    assert.equal((await call(streamRoute.GET, 'GET', '/x?after=x', { params: { id: s.id } })).status, 400);
    assert.equal((await call(linesRoute.GET, 'GET', '/x', { params: { id: UNKNOWN } })).status, 404);
    assert.equal((await call(searchRoute.GET, 'GET', '/x?q=a', { params: { id: UNKNOWN } })).status, 404);
  });
});
