// Transcripts read back after an outage (backfill.ts): levels as the gateway says, and history, a second pass
// and live events overlapping without a duplicate line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import { silentLogger as quiet } from '../../src/logger';
import { GatewayMirror } from '../../src/mirror/gateway-mirror';
import { historyLines } from '../../src/mirror/backfill';
import { messages, RecordedGateway, reconcileAnswers, recordedEvents, rows } from '../recorded-gateway';
import {
  ALL_RUNS,
  JOB_A_BASE,
  JOB_A_RUN3,
  RATE_LIMITED_BASE,
  RATE_LIMITED_RUN,
  TOOL_ERROR_BASE,
  TOOL_ERROR_RUN,
  asFirstConnect,
  ids,
  logsOf,
} from './frames';

test('item 8: in a history read back, a tool result marked isError and a turn that ended before a reply are errors; the rest is info', () => {
  const levels = (key: string, name: string) =>
    historyLines(key, messages(name)).map((l) => [l.line.externalId, l.line.level]);
  assert.deepEqual(levels(TOOL_ERROR_RUN, 'history-toolerror'), [
    ['msg:413ccce9-313e-4914-a8d7-f55e2593f321', 'info'],
    ['msg:3afa96a4-02db-4e04-bef0-7004c04469af', 'info'],
    ['tool:call_mx9n1b2qs6ou70', 'info'],
    ['tool:call_mx9n1b2qs6ou70', 'error'],
    ['msg:4aabad19-e2cb-4048-97ba-87a0df12a704', 'info'],
  ]);
  assert.deepEqual(levels(RATE_LIMITED_RUN, 'history-429-timeout'), [
    ['msg:3e31d81d-188f-48af-90f4-cc235ceddc84', 'info'],
    ['msg:01b8590b-b7a0-47d7-a07c-ebc47066b87f', 'error'],
  ]);
});

describeEachDriver('backfill: transcripts read back', (get) => {
  test('item 2: after a (re)connect each session active meanwhile is read back from chat.history by message id; history, a second pass and live events overlap without a duplicate', async (t) => {
    const { db } = get();
    const mirror = new GatewayMirror(db, quiet);
    await asFirstConnect(db);
    // the studio was SIGKILLed during job A's latest run: it got the run's start and its prompt only
    const run3 = recordedEvents('events-jobA-run3');
    const prompt = run3.findIndex((e) => e.event === 'session.message');
    await mirror.handleAll(run3.slice(0, prompt + 1));
    assert.deepEqual(ids(await logsOf(db, JOB_A_RUN3)), ['msg:f6738ccb-1a6a-43a3-bc76-8330f06a22fa']);
    const gw = new RecordedGateway(
      reconcileAnswers({
        runs: ALL_RUNS,
        sessions: rows('sessions-list-after-restart'),
        active: rows('sessions-list-activeOnly-after-restart'),
        histories: {
          [JOB_A_BASE]: 'history-jobA-latest-run',
          [TOOL_ERROR_BASE]: 'history-toolerror',
          [RATE_LIMITED_BASE]: 'history-429-timeout',
        },
      }),
    );
    const expected = {
      // each message by its id; a tool call and its result are one line
      [JOB_A_RUN3]: [
        'msg:f6738ccb-1a6a-43a3-bc76-8330f06a22fa',
        'msg:f6fe893e-2a5c-4628-9472-c64226e776bf',
        'tool:call_mx9msa7bbh7x5c',
        'msg:b57eeb14-554f-46d7-aa8d-a23953d04373',
      ],
      [TOOL_ERROR_RUN]: [
        'msg:413ccce9-313e-4914-a8d7-f55e2593f321',
        'msg:3afa96a4-02db-4e04-bef0-7004c04469af',
        'tool:call_mx9n1b2qs6ou70',
        'msg:4aabad19-e2cb-4048-97ba-87a0df12a704',
      ],
      [RATE_LIMITED_RUN]: ['msg:3e31d81d-188f-48af-90f4-cc235ceddc84', 'msg:01b8590b-b7a0-47d7-a07c-ebc47066b87f'],
    };
    const check = async (when: string) => {
      for (const [key, want] of Object.entries(expected)) {
        const got = ids((await logsOf(db, key)).filter((l) => !l.external_id?.startsWith('lifecycle:')));
        assert.deepEqual([...got].sort(), [...want].sort(), `${key} ${when}`);
      }
    };

    // the studio's first connect an hour after the recording: what it reads back reaches a week back from its
    // clock, so the clock is the recording's, not the day the test runs (a week on, nothing would be read back)
    const recordedAt = Math.max(...rows('sessions-list-after-restart').map((r) => r.updatedAt ?? 0));
    t.mock.timers.enable({ apis: ['Date'], now: recordedAt + 3_600_000 });
    await mirror.reconcile(gw, (w) => w(), { afterConnect: true });
    t.mock.timers.reset();
    await check('after the backfill');
    // (on a first connect, every session updated in the last week is read back: those without a recorded history fail alone)
    const asked = gw.callsOf('chat.history').map((c) => c.params.sessionKey);
    for (const key of [JOB_A_BASE, TOOL_ERROR_BASE, RATE_LIMITED_BASE]) assert.ok(asked.includes(key), key);
    const toolCall = (await logsOf(db, JOB_A_RUN3)).find((l) => l.external_id === 'tool:call_mx9msa7bbh7x5c')!;
    assert.deepEqual(
      [toolCall.level, toolCall.tool_name, toolCall.tool_input],
      ['info', 'write', { path: 'p1a.md', content: 'hello p1a' }],
    );
    assert.match(JSON.stringify(toolCall.tool_output), /No changes made to p1a.md/);
    const failed = (await logsOf(db, RATE_LIMITED_RUN)).find(
      (l) => l.external_id === 'msg:01b8590b-b7a0-47d7-a07c-ebc47066b87f',
    )!;
    assert.equal(failed.level, 'error');
    assert.match(failed.message, /This turn ended before a reply: aborted \| cron: job execution timed out/);

    await new GatewayMirror(db, quiet).reconcile(gw, (w) => w(), { afterConnect: true });
    await check('after a second pass');
    // the same messages arriving live afterwards (a replay after the reconnect)
    await mirror.handleAll([...run3, ...recordedEvents('events-toolerror')]);
    await check('after live events for the same ids');
  });
});
