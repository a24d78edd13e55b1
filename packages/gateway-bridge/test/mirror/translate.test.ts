// What the mirror makes of OpenClaw's records (translate.ts), checked on the frames recorded from a real 2026.9.6.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { chatMessageSchema, cronRunSchema } from '../../src/mirror/schemas';
import * as translate from '../../src/mirror/translate';
import { answer, frame, listSessionsPage, messages, recordedEvents, rows } from '../recorded-gateway';
import { JOB_A_BASE, JOB_A_RUN3, RUN3_AT, TOOL_ERROR_RUN, rowOf, runOf } from './frames';

test('the recorded gateway pages sessions.list as 2026.9.6 does (offset/limit, newest update first, hasMore, nextOffset)', () => {
  const eight = rows('sessions-list-after-restart');
  for (const name of ['sessions-list-limit2', 'sessions-list-limit2-offset2', 'sessions-list-limit2-offset6']) {
    const real = frame<ReturnType<typeof listSessionsPage>>(name);
    const fake = listSessionsPage(eight, real.params);
    const fields = (p: ReturnType<typeof listSessionsPage>) => ({
      count: p.count,
      totalCount: p.totalCount,
      limitApplied: p.limitApplied,
      offset: p.offset,
      nextOffset: p.nextOffset,
      hasMore: p.hasMore,
      keys: p.sessions.map((s) => s.key),
    });
    assert.deepEqual(fields(fake), fields(real.payload!), name);
  }
  assert.equal(
    listSessionsPage(eight).limitApplied,
    answer<{ limitApplied: number }>('sessions-list-after-restart').limitApplied,
  );
  assert.throws(() => listSessionsPage(eight, { limit: 2, cursor: 'x' }), /unexpected property 'cursor'/);
});

test('item 4: tokens have one definition: a session row, a cron.runs entry and chat.history messages agree (total = input + output + cache, context apart)', () => {
  const row = rowOf('sessions-list-p1', JOB_A_BASE);
  const session = translate.toAgentSessionInput(row, null).tokenUsage as Record<string, unknown>;
  // OpenClaw's totalTokens (42) is the last call's prompt, the context size: kept apart, not the total
  assert.equal(row.totalTokens, 42);
  assert.deepEqual(
    { ...session, cost: undefined, source: undefined },
    { input: 84, output: 14, cacheRead: 0, cacheWrite: 0, total: 98, context: 42, cost: undefined, source: undefined },
  );
  assert.equal(session.cost, 0.000112);

  const run = runOf('cron-runs-jobA');
  assert.equal(run.sessionKey, JOB_A_RUN3);
  assert.deepEqual(translate.toCronRunInput(randomUUID(), run).tokenUsage, {
    input: 84,
    output: 14,
    cacheRead: 0,
    cacheWrite: 0,
    total: 98,
  });

  // the run's two assistant messages: 42/7 each, total 49 = OpenClaw's own totalTokens of a message
  const usages = messages('history-jobA-latest-run').flatMap(
    (m) => translate.messageLine(JOB_A_RUN3, m as translate.ChatMessage)?.usage ?? [],
  );
  assert.deepEqual(
    usages.map(({ input, output, total }) => ({ input, output, total })),
    [
      { input: 42, output: 7, total: 49 },
      { input: 42, output: 7, total: 49 },
    ],
  );
  const sum = usages.reduce(
    (s, u) => ({
      input: s.input + u.input,
      output: s.output + u.output,
      total: s.total + u.total,
      cost: s.cost + (u.costUsd ?? 0),
    }),
    { input: 0, output: 0, total: 0, cost: 0 },
  );
  assert.deepEqual({ input: sum.input, output: sum.output, total: sum.total }, { input: 84, output: 14, total: 98 });
  assert.ok(Math.abs(sum.cost - 0.000112) < 1e-12, String(sum.cost));
});

test("item 5: a cron job's own row (sessions.list) does not give its latest run's session the job's creation time as start", () => {
  const row = rowOf('sessions-list-p1', JOB_A_BASE);
  const input = translate.toAgentSessionInput(row, null);
  assert.equal(input.sessionKey, JOB_A_RUN3);
  // the row was created with the job's first run, 7 s before the latest run began
  assert.ok(row.createdAt! < RUN3_AT);
  assert.notEqual(input.startedAt?.getTime(), row.createdAt);
});

test('cancelled: the operator-aborted run is cancelled, the timed-out ones timeout, the one a gateway restart interrupted failed', () => {
  const status = (name: string) => translate.toCronRunInput(randomUUID(), runOf(name)).status;
  assert.equal(status('cron-runs-aborted'), 'cancelled');
  // a run stopped by pausing its job (a budget aborts and pauses at once) is cancelled too
  const paused = frame('cron-finished-disabled-by-operator').payload;
  assert.equal(translate.toCronRunInput(randomUUID(), cronRunSchema.parse(paused)).status, 'cancelled');
  assert.equal(status('cron-runs-429-timeout'), 'timeout');
  assert.equal(status('cron-runs-interrupted-by-restart'), 'failed');
  assert.equal(status('cron-runs-toolerror'), 'completed');
  // the 429 run's live `cron finished` event says the same as its cron.runs entry
  const finished = recordedEvents('events-429-timeout').find((e) => e.event === 'cron')!;
  assert.equal(translate.toCronRunInput(randomUUID(), cronRunSchema.parse(finished.payload)).status, 'timeout');
  // its session too
  assert.equal(translate.runSessionInput(runOf('cron-runs-aborted'), 'p5 abort me', randomUUID())?.status, 'cancelled');
});

// a tool result the tool marked isError is an error line however it arrives: in a history read back (see
// backfill.test), as a live tool event, or as a chat message (2026.9.6 never sends a tool result as a
// session.message, other versions may)

test('a tool result arriving as a chat message is an error line when marked isError, info otherwise', () => {
  // the failed edit (ENOENT) recorded in the lab
  const failed = messages('history-toolerror').find((m) => m.role === 'toolResult')!;
  assert.equal(failed.isError, true);
  assert.equal(translate.messageLine(TOOL_ERROR_RUN, chatMessageSchema.parse(failed))?.line.level, 'error');
  assert.equal(
    translate.messageLine(TOOL_ERROR_RUN, chatMessageSchema.parse({ ...failed, isError: false }))?.line.level,
    'info',
  );
});
