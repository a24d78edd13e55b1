// The mirror equals what a real OpenClaw 2026.9.6 says (issue 20 items 1, 2, 4, 5, 8, 12 and cancelled runs),
// on frames recorded from it in the lab (test/fixtures/openclaw-2026.9.6, see its README).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomUUID } from 'node:crypto';
import {
  enqueueCommand,
  getAgentSessionByKey,
  getCronJobByExternalId,
  getCronRunByExternalId,
  listAgentLogs,
  setCheckpoint,
  type AgentLogRow,
  type Db,
} from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { abortSession } from '../src/commands/session-abort';
import type { Logger } from '../src/logger';
import { GatewayMirror } from '../src/mirror/mirror';
import { cronRunSchema, sessionRowSchema } from '../src/mirror/schemas';
import * as translate from '../src/mirror/translate';
import {
  answer,
  entries,
  frame,
  listSessionsPage,
  messages,
  RecordedGateway,
  reconcileAnswers,
  recordedEvents,
  rows,
  type Row,
} from './recorded-gateway';

const quiet: Logger = { info() {}, warn() {}, error() {} };
const at = (ms: number) => new Date(ms).toISOString();

// job A of the lab (3 runs of 2 model calls: 42/7 tokens, $0.000056 each), its latest run, and that run's session
const JOB_A = 'ace284d6-bf30-4145-9ca8-2bddee3d400b';
const JOB_A_BASE = `agent:main:cron:${JOB_A}`;
const JOB_A_RUN3 = `${JOB_A_BASE}:run:09d08a22-82cf-4382-9b68-f45599d267c1`;
const RUN3_AT = 1796427891000;
// the run whose edit failed (ENOENT), and the run a 429 held until its timeout
const TOOL_ERROR_BASE = 'agent:main:cron:499cab22-f5da-479e-a524-c869b586dba1';
const TOOL_ERROR_RUN = `${TOOL_ERROR_BASE}:run:018a87bd-20de-44c4-a9de-ac2f8318886e`;
const RATE_LIMITED_BASE = 'agent:main:cron:9c364c70-c6c4-4d1b-a47b-205066ed2906';
const RATE_LIMITED_RUN = `${RATE_LIMITED_BASE}:run:a8792972-0e00-46e6-aae5-1291cf8ccfb0`;
const ABORTED_BASE = 'agent:main:cron:e42a5ed2-6727-4485-a28b-877050afcfab';
const ABORTED_RUN = `${ABORTED_BASE}:run:590f38ee-8337-4ff0-a015-c3c67787d155`;
const KILLED_JOB = '018d8d77-298a-4887-beee-29d312e570fd';
const KILLED_RUN = `agent:main:cron:${KILLED_JOB}:run:5084fb38-2887-4a19-a599-f4126e5e1eb2`;
const CHAT = 'agent:main:main';

// every run recorded in the lab's first gateway (scope all)
const ALL_RUNS = [
  'cron-runs-jobA',
  'cron-runs-toolerror',
  'cron-runs-429-timeout',
  'cron-runs-aborted',
  'cron-runs-interrupted-by-restart',
].flatMap((name) => entries(name));

const rowOf = (name: string, key: string) => sessionRowSchema.parse(rows(name).find((s) => s.key === key));
const runOf = (name: string, i = 0) => cronRunSchema.parse(entries(name)[i]);

/** The mirror's state as after a first connect: no checkpoint of runs or sessions (the tests share one database). */
async function asFirstConnect(db: Db) {
  await setCheckpoint(db, translate.SOURCE, 'cron.runs', {});
  await setCheckpoint(db, translate.SOURCE, 'sessions.list', {});
}

async function logsOf(db: Db, key: string): Promise<AgentLogRow[]> {
  const s = await getAgentSessionByKey(db, key);
  return s
    ? (await listAgentLogs(db, { sessionId: s.id, limit: 1000 })).sort((a, b) => Number(a.seq) - Number(b.seq))
    : [];
}

const ids = (lines: readonly AgentLogRow[]) => lines.map((l) => l.external_id);

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

test('item 8: in a history read back, a tool result marked isError and a turn that ended before a reply are errors; the rest is info', async () => {
  // imported here: the module (reading histories back) is new with the fix
  const { historyLines } = await import('../src/mirror/backfill');
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

describeEachDriver('mirror truth on recorded 2026.9.6 frames', (get) => {
  test('item 1: a reconcile settles the sessions the gateway no longer runs (restart), with the run’s end or saying so; one touched live meanwhile, or still running, is left', async () => {
    const { db } = get();
    const mirror = new GatewayMirror(db, quiet);
    await asFirstConnect(db);
    // in progress when the gateway was SIGKILLed: the killed job's run, the 429 job's run, a chat
    const chatEvents = recordedEvents('events-chat-before-kill');
    const killedRun = recordedEvents('events-killed-run');
    await mirror.handleAll([...killedRun, recordedEvents('events-429-timeout')[0]!, ...chatEvents]);
    for (const key of [KILLED_RUN, RATE_LIMITED_RUN, CHAT])
      assert.equal((await getAgentSessionByKey(db, key))?.status, 'running', key);
    // a replay comes after the fact: the start the studio stamps (the database's now) is set to when the run's
    // first event came, as it would have been live
    await db.query('update agent_sessions set started_at = $2 where session_key = $1', [
      KILLED_RUN,
      new Date((killedRun[0]!.payload as { ts: number }).ts),
    ]);

    // after the restart: the rows say hasActiveRun false and no status, activeOnly lists nothing; the killed
    // run is recorded as interrupted without its session (the 429 run's record is not in this answer)
    const answers = reconcileAnswers({
      runs: entries('cron-runs-interrupted-by-restart'),
      sessions: rows('sessions-list-after-restart'),
      active: rows('sessions-list-activeOnly-after-restart'),
    });
    const gw = new RecordedGateway({
      ...answers,
      'sessions.list': async (p) => {
        // the chat's next message arrives while the gateway is asked what it runs
        if (p.activeOnly) await mirror.handleAll(chatEvents.filter((e) => e.event === 'session.message'));
        return answers['sessions.list']!(p);
      },
    });
    await mirror.reconcile(gw);

    const killed = (await getAgentSessionByKey(db, KILLED_RUN))!;
    const interrupted = entries('cron-runs-interrupted-by-restart')[0]!;
    assert.equal(killed.status, 'error');
    assert.equal(killed.progress_message, 'cron: job interrupted by gateway restart');
    assert.equal(killed.completed_at?.toISOString(), at(interrupted.runAtMs + Number(interrupted.durationMs)));
    assert.equal(killed.started_at.toISOString(), at(interrupted.runAtMs), 'it started with its run');
    const job = (await getCronJobByExternalId(db, translate.SOURCE, KILLED_JOB))!;
    const run = (await getCronRunByExternalId(db, job.id, translate.runExternalId(interrupted.runAtMs)))!;
    assert.equal(run.status, 'failed');
    assert.equal(run.session_key, KILLED_RUN, 'the run row gets its session');

    const lost = (await getAgentSessionByKey(db, RATE_LIMITED_RUN))!;
    assert.equal(lost.status, 'error');
    assert.match(lost.progress_message ?? '', /ended without an end record: the gateway no longer runs it/);

    assert.equal(
      (await getAgentSessionByKey(db, CHAT))?.status,
      'running',
      'a live event came after the list was asked for',
    );

    // 2026.9.6 resumes an interrupted chat after its restart (a second lab): it runs, and stays running here
    const resumed = new RecordedGateway(
      reconcileAnswers({
        runs: [],
        sessions: rows('sessions-list-chat-after-restart'),
        active: rows('sessions-list-activeOnly-chat-after-restart'),
      }),
    );
    await new GatewayMirror(db, quiet).reconcile(resumed);
    assert.equal((await getAgentSessionByKey(db, CHAT))?.status, 'running');
    assert.equal(resumed.callsOf('sessions.list', (p) => p.activeOnly === true).length, 1);
  });

  test("item 1: Cancel on a session the gateway runs nothing for ('no-active-run') settles the row", async () => {
    const { db } = get();
    await new GatewayMirror(db, quiet).handleAll(recordedEvents('events-chat-before-kill'));
    const session = (await getAgentSessionByKey(db, CHAT))!;
    assert.equal(session.status, 'running');
    const gw = new RecordedGateway({ 'sessions.abort': () => answer('sessions-abort-no-active-run') });
    const cmd = await enqueueCommand(db, 'session.abort', { sessionId: session.id });
    await assert.rejects(
      abortSession({ db, gateway: gw, logger: quiet }, { sessionId: session.id }, cmd),
      /already finished/,
    );
    assert.deepEqual(gw.calls, [{ method: 'sessions.abort', params: { key: CHAT } }]);
    const after = (await getAgentSessionByKey(db, CHAT))!;
    assert.equal(after.status, 'error');
    assert.match(after.progress_message ?? '', /no run going on when Cancel was asked/);
  });

  test('item 8: levels come from the gateway: the 429 retries and the timeout that ended them are error lines', async () => {
    const { db } = get();
    const mirror = new GatewayMirror(db, quiet);
    const rateLimited = recordedEvents('events-429-timeout').filter((e) => e.event === 'agent');
    await mirror.handleAll(rateLimited);
    const lines = await logsOf(db, RATE_LIMITED_RUN);
    const finishing = rateLimited.filter(
      (e) => (e.payload as { data: { phase: string } }).data.phase === 'finishing',
    ).length;
    assert.equal(finishing, 8);
    assert.deepEqual(
      lines.map((l) => [l.level, l.message]),
      [
        ...Array.from({ length: finishing }, () => [
          'error',
          'error: ⚠️ API rate limit reached. Please try again later.',
        ]),
        ['error', 'error: aborted | cron: job execution timed out (last phase: model-call-started)'],
      ],
    );
    assert.equal((await getAgentSessionByKey(db, RATE_LIMITED_RUN))?.status, 'error');
  });

  test('item 8: a tool call logged when it started (info) is an error once its result says isError; the run’s other lines stay info', async () => {
    const { db } = get();
    const mirror = new GatewayMirror(db, quiet);
    const toolError = recordedEvents('events-toolerror');
    const result = toolError.findIndex(
      (e) => e.event === 'session.tool' && (e.payload as { data: { phase: string } }).data.phase === 'result',
    );
    await mirror.handleAll(toolError.slice(0, result));
    const toolLine = async () =>
      (await logsOf(db, TOOL_ERROR_RUN)).find((l) => l.external_id === 'tool:call_mx9n1b2qs6ou70')!;
    assert.equal((await toolLine()).level, 'info');
    await mirror.handleAll(toolError.slice(result));
    assert.equal((await toolLine()).level, 'error');
    assert.match(JSON.stringify((await toolLine()).tool_output), /ENOENT/);
    const rest = (await logsOf(db, TOOL_ERROR_RUN)).filter((l) => l.external_id !== 'tool:call_mx9n1b2qs6ou70');
    assert.equal(rest.length, 3);
    assert.deepEqual(
      rest.map((l) => l.level),
      ['info', 'info', 'info'],
      'the prompt and the model’s messages (the run ended ok)',
    );
  });

  test("item 5: a run's session first listed from its job's row (no status) takes its run's start and end once the run is recorded", async () => {
    const { db } = get();
    const mirror = new GatewayMirror(db, quiet);
    await asFirstConnect(db);
    // the run ended between the two calls of a reconcile: cron.runs did not have it yet, sessions.list did
    const row = rows('sessions-list-after-restart').find((r) => r.key === ABORTED_BASE)!;
    await mirror.reconcile(new RecordedGateway(reconcileAnswers({ runs: [], sessions: [row] })));
    const run = entries('cron-runs-aborted')[0]!;
    assert.equal(String(run.sessionKey), ABORTED_RUN);
    assert.notEqual((await getAgentSessionByKey(db, ABORTED_RUN))?.status, 'running');
    // the next pass has the run
    await mirror.reconcile(new RecordedGateway(reconcileAnswers({ runs: [run], sessions: [row] })));
    const session = (await getAgentSessionByKey(db, ABORTED_RUN))!;
    assert.equal(session.started_at.toISOString(), at(run.runAtMs));
    assert.equal(session.status, 'cancelled', 'the operator aborted it');
    assert.equal(session.completed_at?.toISOString(), at(run.runAtMs + Number(run.durationMs)));
  });

  test("items 4 and 5: a finished run's session starts when its run started and has the gateway's tokens and cost", async () => {
    const { db } = get();
    const mirror = new GatewayMirror(db, quiet);
    await asFirstConnect(db);
    // seen live: the run's session row (created 1.2 s after the run began), its messages' usage, its end
    await mirror.handleAll(recordedEvents('events-toolerror'));
    const run = entries('cron-runs-toolerror')[0]!;
    await mirror.reconcile(
      new RecordedGateway(reconcileAnswers({ runs: [run], sessions: rows('sessions-list-after-restart') })),
    );

    const session = (await getAgentSessionByKey(db, TOOL_ERROR_RUN))!;
    assert.equal(session.started_at.toISOString(), at(run.runAtMs), 'the run began at its runAtMs');
    assert.equal(session.status, 'completed');
    const { input, output, total } = session.token_usage as { input: number; output: number; total: number };
    assert.deepEqual({ input, output, total }, { input: 84, output: 14, total: 98 });
    assert.equal(Number(session.cost_usd), 0.000112);
  });

  test('item 2: after a (re)connect each session active meanwhile is read back from chat.history by message id; history, a second pass and live events overlap without a duplicate', async () => {
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

    await mirror.reconcile(gw, (w) => w(), { afterConnect: true });
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

  test('cancelled: the runs are stored as the gateway ended them', async () => {
    const { db } = get();
    await new GatewayMirror(db, quiet).reconcile(
      new RecordedGateway(
        reconcileAnswers({
          runs: [
            ...entries('cron-runs-aborted'),
            ...entries('cron-runs-429-timeout'),
            ...entries('cron-runs-interrupted-by-restart'),
          ],
          sessions: [],
        }),
      ),
    );
    const statusOf = async (name: string) => {
      const e = entries(name)[0]!;
      const job = (await getCronJobByExternalId(db, translate.SOURCE, e.jobId))!;
      return (await getCronRunByExternalId(db, job.id, translate.runExternalId(e.runAtMs)))?.status;
    };
    assert.equal(await statusOf('cron-runs-aborted'), 'cancelled');
    assert.equal(await statusOf('cron-runs-429-timeout'), 'timeout');
    assert.equal(await statusOf('cron-runs-interrupted-by-restart'), 'failed');
    assert.equal(
      (await getAgentSessionByKey(db, String(entries('cron-runs-aborted')[0]!.sessionKey)))?.status,
      'cancelled',
    );
  });

  test('item 12: every page of sessions.list is mirrored (1,265 sessions), and a later pass asks only the pages updated since', async () => {
    const { db } = get();
    const mirror = new GatewayMirror(db, quiet);
    await asFirstConnect(db);
    // the recorded row of a chat that is done, 1,265 times: a key, session id and update time each (a minute apart)
    const template = rows('sessions-list-chat-done')[0]!;
    const now = Date.now();
    const sessions: Row[] = Array.from({ length: 1265 }, (_, i) => ({
      ...template,
      key: `agent:main:lab-${i}`,
      sessionId: randomUUID(),
      updatedAt: now - i * 60_000,
    }));
    const gw = new RecordedGateway(reconcileAnswers({ runs: [], sessions }));
    await mirror.reconcile(gw);
    const [count] = await db.query<{ n: number }>(
      "select count(*)::int as n from agent_sessions where session_key like 'agent:main:lab-%'",
    );
    assert.equal(count?.n, 1265);
    assert.ok(gw.callsOf('sessions.list').every((c) => !('cursor' in c.params)));

    // three sessions ran again: they move to the top of the list
    for (const [i, s] of [sessions[700]!, sessions[1000]!, sessions[1264]!].entries())
      Object.assign(s, { updatedAt: Date.now() + 1000 + i, inputTokens: 42, outputTokens: 7 });
    gw.calls.length = 0;
    await mirror.reconcile(gw);
    assert.equal(gw.callsOf('sessions.list').length, 1, JSON.stringify(gw.calls));
    const changed = (await getAgentSessionByKey(db, 'agent:main:lab-1264'))!;
    assert.deepEqual(
      [(changed.token_usage as { input: number }).input, (changed.token_usage as { output: number }).output],
      [42, 7],
    );
  });
});
