// A log read in pages (issue 21 item 2): the newest lines first, older and newer pages by seq, the lines around
// a line, each with its number in the whole log, filters, and search on the server whatever the word's frequency.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { describeEachDriver } from './kit/testing';
import {
  insertAgentLogs,
  pageAgentLogs,
  searchAgentLogs,
  summarizeAgentLogs,
  upsertAgentSession,
  type AgentLogInput,
  type Db,
  type LogLevel,
} from '../src/index';

const LINES = 6_000; // more than the lines a search walks before it uses the index
const levelOf = (i: number): LogLevel => (i % 100 === 7 ? 'error' : i % 3 === 0 ? 'debug' : 'info');
/** Line i (1-based): every line says "step", one in 100 is an error, one in 500 names a rare word, line 1234 a unique one. */
const lineOf = (i: number): AgentLogInput => ({
  externalId: `m${i}`,
  level: levelOf(i),
  message: `step ${i}: ${i === 1234 ? 'found zanzibarquux in /tmp/report.txt' : i % 500 === 0 ? 'checkpoint reached' : 'reading the inbox'}`,
  timestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000),
  toolName: i % 10 === 0 ? (i % 20 === 0 ? 'web_search' : 'read') : null,
});

async function sessionWithLines(db: Db, n: number): Promise<string> {
  const { row } = await upsertAgentSession(db, {
    sessionKey: `agent:main:log:${randomUUID()}`,
    agentName: 'researcher',
    agentType: 'singleton',
    status: 'completed',
  });
  for (let from = 1; from <= n; from += 1000)
    await insertAgentLogs(
      db,
      row.id,
      Array.from({ length: Math.min(1000, n - from + 1) }, (_, k) => lineOf(from + k)),
    );
  return row.id;
}

const numberOf = (message: string) => Number(/^step (\d+)/.exec(message)![1]);

describeEachDriver('a log in pages', (get) => {
  let sessionId: string;
  let other: string;

  test('the newest lines first, each numbered in the whole log; older pages by seq until the first line', async () => {
    const { db } = get();
    sessionId = await sessionWithLines(db, LINES);
    other = await sessionWithLines(db, 50); // another log's lines are interleaved in seq order
    const tail = await pageAgentLogs(db, { sessionId }, { limit: 200 });
    assert.deepEqual(tail.rows.map((r) => [r.line, numberOf(r.message)]).slice(-2), [
      [LINES - 1, LINES - 1],
      [LINES, LINES],
    ]);
    assert.equal(tail.rows.length, 200);
    // numbered from the log's count when it is given (the API reads it first)
    const { total } = await summarizeAgentLogs(db, { sessionId });
    assert.deepEqual(
      (await pageAgentLogs(db, { sessionId }, { limit: 200, total })).rows.map((r) => r.line),
      tail.rows.map((r) => r.line),
    );
    assert.deepEqual([tail.hasOlder, tail.hasNewer], [true, false]);

    const seen: number[] = tail.rows.map((r) => r.line);
    for (let page = tail; page.hasOlder;) {
      page = await pageAgentLogs(db, { sessionId }, { before: page.rows[0]!.seq, limit: 700 });
      assert.ok(page.hasNewer);
      for (const r of page.rows) assert.equal(r.line, numberOf(r.message));
      seen.unshift(...page.rows.map((r) => r.line));
    }
    assert.deepEqual(
      seen,
      Array.from({ length: LINES }, (_, i) => i + 1),
    );
  });

  test('newer pages after a line, and the lines around one (it is in the first half after)', async () => {
    const { db } = get();
    const around = (await pageAgentLogs(db, { sessionId }, { limit: 200 })).rows.find((r) => r.line === LINES - 150)!;
    const { rows: middle } = await pageAgentLogs(db, { sessionId }, { limit: 2000 });
    const target = middle.find((r) => r.line === 5000)!;
    const page = await pageAgentLogs(db, { sessionId }, { around: target.seq, limit: 100 });
    assert.deepEqual(
      page.rows.map((r) => r.line),
      Array.from({ length: 100 }, (_, i) => 4950 + i),
    );
    assert.deepEqual([page.hasOlder, page.hasNewer], [true, true]);
    const next = await pageAgentLogs(db, { sessionId }, { after: around.seq, limit: 1000 });
    assert.deepEqual(
      next.rows.map((r) => r.line),
      Array.from({ length: 150 }, (_, i) => LINES - 149 + i),
    );
    assert.deepEqual([next.hasOlder, next.hasNewer], [true, false]);
  });

  test('filters: a level or a tool, numbered in the whole log; the summary counts every line and names each tool', async () => {
    const { db } = get();
    const errors = await pageAgentLogs(db, { sessionId }, { levels: ['error'], limit: 10 });
    assert.deepEqual(
      errors.rows.map((r) => r.line),
      Array.from({ length: 10 }, (_, i) => 5007 + i * 100),
    );
    assert.ok(errors.hasOlder);
    const older = await pageAgentLogs(db, { sessionId }, { levels: ['error'], before: errors.rows[0]!.seq, limit: 50 });
    assert.equal(older.rows.length, 50);
    assert.equal(older.hasOlder, false);
    const search = await pageAgentLogs(db, { sessionId }, { tool: 'web_search', levels: ['info', 'error'], limit: 3 });
    assert.deepEqual(
      search.rows.map((r) => [r.line, r.tool_name]),
      [
        [5920, 'web_search'],
        [5960, 'web_search'],
        [5980, 'web_search'],
      ],
    );
    assert.deepEqual(await summarizeAgentLogs(db, { sessionId }), { total: LINES, tools: ['read', 'web_search'] });
    assert.deepEqual(await summarizeAgentLogs(db, { sessionId: other }), { total: 50, tools: ['read', 'web_search'] });
    assert.deepEqual(await pageAgentLogs(db, { sessionId: randomUUID() }, {}), {
      rows: [],
      hasOlder: false,
      hasNewer: false,
    });
  });

  test('search: a word in every line stops at the page; a rare one, a unique one, a path and an unfinished word are found', async () => {
    const { db } = get();
    const common = await searchAgentLogs(db, { sessionId }, { q: 'step', limit: 5 });
    assert.deepEqual(
      common.matches.map((m) => numberOf(m.message)),
      [6000, 5999, 5998, 5997, 5996],
    );
    const more = await searchAgentLogs(db, { sessionId }, { q: 'step', before: common.nextCursor!, limit: 2 });
    assert.deepEqual(
      more.matches.map((m) => numberOf(m.message)),
      [5995, 5994],
    );

    const rare = await searchAgentLogs(db, { sessionId }, { q: 'Checkpoint', limit: 4 });
    assert.deepEqual(
      rare.matches.map((m) => numberOf(m.message)),
      [6000, 5500, 5000, 4500],
    );
    const rest = await searchAgentLogs(db, { sessionId }, { q: 'checkpoint', before: rare.nextCursor!, limit: 10 });
    assert.deepEqual(
      rest.matches.map((m) => numberOf(m.message)),
      [4000, 3500, 3000, 2500, 2000, 1500, 1000, 500],
    );
    assert.equal(rest.nextCursor, null);

    for (const q of ['zanzibarquux', 'zanzib', '/tmp/report.txt', 'found zanzibar'])
      assert.deepEqual(
        (await searchAgentLogs(db, { sessionId }, { q })).matches.map((m) => numberOf(m.message)),
        [1234],
        q,
      );
    assert.deepEqual((await searchAgentLogs(db, { sessionId }, { q: 'zanzibarquux found' })).matches, []);
    assert.deepEqual((await searchAgentLogs(db, { sessionId }, { q: '  ;; ' })).matches, []);
    assert.deepEqual((await searchAgentLogs(db, { sessionId: other }, { q: 'zanzibarquux' })).matches, []);
    // with a filter: the errors among the matches
    assert.deepEqual(
      (await searchAgentLogs(db, { sessionId }, { q: 'inbox', levels: ['error'], limit: 3 })).matches.map((m) =>
        numberOf(m.message),
      ),
      [5907, 5807, 5707],
    );
  });
});
