// An OpenClaw before 2026.6.1, read from its state folder. The fixture follows the files a real 2026.5.28
// wrote (openclaw-lab/examples/legacy-2026.5.28): jobs.json + jobs-state.json, runs/<jobId>.jsonl,
// sessions.json and transcripts. Then the hard parts: a half-written last line, a malformed line, a restart
// mid-file, a rotated file and a truncated one — each checked for nothing missing and nothing twice.
import assert from 'node:assert/strict';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  getAgentSessionByKey,
  getCronJobByExternalId,
  listAgentLogs,
  listCronRuns,
  type Db,
} from '@agent-studio/database';
import { describeEachDriver, until } from '@agent-studio/database/testing';
import { OpenclawFilesSource } from '../src/sources/openclaw-files';

const EVERY = '1ef15959-0f18-42bb-ab91-c90f65e7e5ad';
const ONCE = '651be021-56a9-4f05-8714-13c559bc175e';
const MAIN_SID = 'ff3f5e90-9211-437b-b2ca-ec621ba8d344';
const RUN_SID = '4237c1ee-4c56-4972-887f-f7d51b5eafb0';
const SUB_SID = '80647394-8204-490b-b740-e1523ba051b7';
const T0 = 1795527921045;

const jobs = {
  version: 1,
  jobs: [
    {
      id: EVERY,
      name: 'every-minute probe',
      enabled: true,
      createdAtMs: T0,
      schedule: { kind: 'every', everyMs: 60000, anchorMs: T0 },
      sessionTarget: 'isolated',
      payload: { kind: 'agentTurn', message: 'cron ping' },
      state: {},
    },
    {
      id: ONCE,
      name: 'one-shot',
      enabled: true,
      deleteAfterRun: true,
      schedule: { kind: 'at', at: '2026-11-24T13:46:51.037Z' },
      payload: { kind: 'systemEvent', text: 'reminder' },
      state: {},
    },
  ],
};
const jobsState = {
  version: 1,
  jobs: {
    [ONCE]: { updatedAtMs: T0, state: { nextRunAtMs: 1795528011037 } },
    [EVERY]: { state: { lastRunStatus: 'ok', consecutiveErrors: 0 } },
  },
};

const runLine = (runAtMs: number, sessionId: string, status = 'ok') =>
  `${JSON.stringify({ ts: runAtMs + 3400, jobId: EVERY, action: 'finished', status, summary: `reply at ${runAtMs}`, sessionId, sessionKey: `agent:main:cron:${EVERY}:run:${sessionId}`, runId: `manual:${EVERY}:${runAtMs}:1`, runAtMs, durationMs: 3348, model: 'mock-1', provider: 'mock', usage: { input_tokens: 42, output_tokens: 7, total_tokens: 49 } })}\n`;

const sessions = {
  'agent:main:main': {
    sessionId: MAIN_SID,
    updatedAt: T0 + 19000,
    sessionStartedAt: T0 - 12000,
    status: 'done',
    endedAt: T0 + 19000,
    inputTokens: 84,
    outputTokens: 14,
    totalTokens: 98,
    model: 'mock-1',
    modelProvider: 'mock',
  },
  [`agent:main:cron:${EVERY}`]: {
    sessionId: RUN_SID,
    updatedAt: T0 + 2460,
    sessionStartedAt: T0 + 13,
    label: 'Cron: every-minute probe',
  },
  'agent:main:subagent:9ccfc4eb-bc72-4409-9ca4-4eb63ee4e6c1': {
    sessionId: SUB_SID,
    spawnDepth: 1,
    spawnedBy: 'agent:main:main',
    label: 'helper-legacy',
    status: 'done',
    updatedAt: T0 + 19500,
    endedAt: T0 + 18500,
  },
};

const msg = (id: string, role: string, content: unknown, extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({ type: 'message', id, parentId: null, timestamp: new Date(T0).toISOString(), message: { role, content, timestamp: T0, ...extra } })}\n`;

describeEachDriver('OpenClaw files (before 2026.6.1)', (get) => {
  let db: Db;
  let dir: string;
  let source: OpenclawFilesSource;
  const warnings: string[] = [];
  const infos: string[] = [];
  const logger = {
    info: (m: string) => infos.push(m),
    warn: (m: string) => warnings.push(m),
    error: (m: string) => warnings.push(m),
  };
  const path = (...p: string[]) => join(dir, ...p);
  const runsFile = () => path('cron/runs', `${EVERY}.jsonl`);
  const mainTranscript = () => path('agents/main/sessions', `${MAIN_SID}.jsonl`);
  const restart = async () => {
    await source.stop();
    source = new OpenclawFilesSource({ db, stateDir: dir, logger });
    await source.start();
  };
  const logsOf = async (key: string) => {
    const s = await getAgentSessionByKey(db, key);
    return s ? (await listAgentLogs(db, { sessionId: s.id, limit: 1000 })).map((l) => l.message) : [];
  };
  const runsOfEvery = async () => {
    const job = await getCronJobByExternalId(db, 'openclaw', EVERY);
    return (await listCronRuns(db, { jobId: job!.id, limit: 100 })).rows;
  };

  before(async () => {
    db = get().db;
    dir = mkdtempSync(join(tmpdir(), 'studio-openclaw-files-'));
    mkdirSync(path('cron/runs'), { recursive: true });
    mkdirSync(path('agents/main/sessions'), { recursive: true });
    writeFileSync(path('cron/jobs.json'), JSON.stringify(jobs));
    writeFileSync(path('cron/jobs-state.json'), JSON.stringify(jobsState));
    writeFileSync(runsFile(), runLine(T0, RUN_SID));
    writeFileSync(path('agents/main/sessions/sessions.json'), JSON.stringify(sessions));
    writeFileSync(
      mainTranscript(),
      `${JSON.stringify({ type: 'session', version: 3, id: MAIN_SID })}\n` +
        msg('696b23ec', 'user', 'hello from the smoke test') +
        msg('c3e30dcc', 'assistant', [
          { type: 'toolCall', id: 'call_1', name: 'write', arguments: { path: 'reports/x.md', content: '# hi\n' } },
        ]) +
        msg('9dc2cf82', 'toolResult', [{ type: 'text', text: 'Successfully wrote 5 bytes' }], {
          toolCallId: 'call_1',
          toolName: 'write',
          isError: false,
        }) +
        msg('2e4d1a7c', 'assistant', [{ type: 'text', text: 'MOCK_DONE' }]),
    );
    writeFileSync(
      path('agents/main/sessions', `${RUN_SID}.jsonl`),
      msg('cf592899', 'user', [{ type: 'text', text: 'cron ping' }]) +
        msg('b37e285f', 'assistant', [{ type: 'text', text: 'MOCK_REPLY: cron ping' }]),
    );
    source = new OpenclawFilesSource({ db, stateDir: dir, logger });
    await source.start();
  });

  after(async () => {
    await source?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('jobs (with their separate state), runs, sessions with their links, and transcripts as logs', async () => {
    const every = await getCronJobByExternalId(db, 'openclaw', EVERY);
    const once = await getCronJobByExternalId(db, 'openclaw', ONCE);
    assert.equal(every?.schedule, 'every 1m');
    assert.equal(once?.next_run_at?.getTime(), 1795528011037, 'next run from jobs-state.json');
    const [run] = await runsOfEvery();
    assert.equal(run?.status, 'completed');
    assert.equal(run?.duration_ms, 3348);
    assert.equal(run?.trigger_type, 'manual');
    assert.deepEqual(run?.token_usage, { input: 42, output: 7, cacheRead: 0, cacheWrite: 0, total: 49 });
    const sub = await getAgentSessionByKey(db, 'agent:main:subagent:9ccfc4eb-bc72-4409-9ca4-4eb63ee4e6c1');
    const main = await getAgentSessionByKey(db, 'agent:main:main');
    assert.equal(sub?.parent_session_id, main?.id);
    assert.equal(sub?.agent_type, 'subagent');
    assert.equal(main?.status, 'completed');
    assert.deepEqual(await logsOf('agent:main:main'), [
      'user: hello from the smoke test',
      'tool write',
      'assistant: MOCK_DONE',
    ]);
    const s = await getAgentSessionByKey(db, 'agent:main:main');
    const tool = (await listAgentLogs(db, { sessionId: s!.id })).find((l) => l.tool_name === 'write');
    assert.deepEqual(tool?.tool_input, { path: 'reports/x.md', content: '# hi\n' });
    assert.equal(tool?.tool_output, 'Successfully wrote 5 bytes');
    // the run's transcript is the log of the run's own session (what the run page shows)
    assert.deepEqual(await logsOf(run!.session_key!), ['user: cron ping', 'assistant: MOCK_REPLY: cron ping']);
  });

  test('the log says what it found: reading a folder with state files, watching one without (issue 16 item 4)', async () => {
    assert.ok(
      infos.some((m) => m.startsWith(`reading OpenClaw's state files in ${dir}`)),
      infos.join('\n'),
    );
    const empty = mkdtempSync(join(tmpdir(), 'studio-openclaw-none-'));
    const said: string[] = [];
    const none = new OpenclawFilesSource({ db, stateDir: empty, logger: { ...logger, info: (m) => said.push(m) } });
    try {
      await none.start();
    } finally {
      await none.stop();
      rmSync(empty, { recursive: true, force: true });
    }
    // never "reading OpenClaw's state files" after the config was not found: there are none
    assert.deepEqual(said, [
      `no OpenClaw state files in ${empty} either; watching it in case an OpenClaw before 2026.6.1 writes them`,
    ]);
  });

  test('links out of the state folder (a transcript, an agent folder) are skipped with a warning, not read', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'studio-openclaw-outside-'));
    try {
      writeFileSync(
        join(outside, 'planted.jsonl'),
        msg('e0000001', 'assistant', [{ type: 'text', text: 'SECRET_FROM_OUTSIDE' }]),
      );
      mkdirSync(join(outside, 'evil/sessions'), { recursive: true });
      writeFileSync(
        join(outside, 'evil/sessions/sessions.json'),
        JSON.stringify({ 'agent:evil:main': { sessionId: 'e1', updatedAt: T0, label: 'planted' } }),
      );
      symlinkSync(join(outside, 'planted.jsonl'), path('agents/main/sessions', `${SUB_SID}.jsonl`));
      symlinkSync(join(outside, 'evil'), path('agents/evil'));
      await until(
        'both links reported',
        async () => warnings.filter((w) => /is skipped: .* outside /.test(w)).length >= 2,
      );
      await source.idle();
      assert.deepEqual(await logsOf('agent:main:subagent:9ccfc4eb-bc72-4409-9ca4-4eb63ee4e6c1'), []);
      assert.equal(await getAgentSessionByKey(db, 'agent:evil:main'), null);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('a half-written last line waits for its end; a malformed line is skipped with a warning', async () => {
    const full = msg('aa000001', 'user', 'second question');
    appendFileSync(mainTranscript(), `not json at all\n${full.slice(0, 25)}`);
    await until('the malformed line reported', async () => warnings.some((w) => /is not JSON; skipped/.test(w)));
    await source.idle();
    assert.equal((await logsOf('agent:main:main')).length, 3, 'the half line is not read yet');
    appendFileSync(mainTranscript(), full.slice(25));
    await until('the completed line', async () => (await logsOf('agent:main:main')).includes('user: second question'));
  });

  test('a restart mid-file continues at the checkpoint: nothing dropped, nothing twice', async () => {
    await source.stop();
    appendFileSync(mainTranscript(), msg('aa000002', 'assistant', 'while the studio was down'));
    appendFileSync(runsFile(), runLine(T0 + 60_000, 'aaaaaaaa-0000-4000-8000-000000000001'));
    source = new OpenclawFilesSource({ db, stateDir: dir, logger });
    await source.start();
    assert.deepEqual(await logsOf('agent:main:main'), [
      'user: hello from the smoke test',
      'tool write',
      'assistant: MOCK_DONE',
      'user: second question',
      'assistant: while the studio was down',
    ]);
    assert.equal((await runsOfEvery()).length, 2);
  });

  test('a rotated file (new inode) and a truncated one are read again from the start, idempotently', async () => {
    warnings.length = 0;
    // rotation: the old lines and a new one in a new file put in place
    writeFileSync(
      `${runsFile()}.new`,
      runLine(T0, RUN_SID) +
        runLine(T0 + 60_000, 'aaaaaaaa-0000-4000-8000-000000000001') +
        runLine(T0 + 120_000, 'aaaaaaaa-0000-4000-8000-000000000002', 'error'),
    );
    renameSync(`${runsFile()}.new`, runsFile());
    // truncation (copytruncate): the transcript emptied, then written again from its first message on
    truncateSync(mainTranscript(), 0);
    appendFileSync(
      mainTranscript(),
      msg('696b23ec', 'user', 'hello from the smoke test') + msg('aa000003', 'user', 'after the truncation'),
    );
    await until('the third run', async () => (await runsOfEvery()).length === 3);
    await until('the message after the truncation', async () =>
      (await logsOf('agent:main:main')).includes('user: after the truncation'),
    );
    await restart();
    const runs = await runsOfEvery();
    assert.deepEqual(
      runs.map((r) => r.status),
      ['failed', 'completed', 'completed'],
    );
    assert.equal((await logsOf('agent:main:main')).length, 6, 'earlier lines were not added again');
    assert.ok(
      warnings.some((w) => /replaced or truncated/.test(w)),
      warnings.join('\n'),
    );
  });

  test('a job gone from jobs.json is archived with its history; a half-written jobs.json changes nothing', async () => {
    writeFileSync(path('cron/jobs.json'), '{"version":1,"jobs":[{"id"');
    await until('the warning', async () => warnings.some((w) => /jobs.json is not valid JSON/.test(w)));
    assert.equal((await getCronJobByExternalId(db, 'openclaw', ONCE))?.removed_at, null);
    writeFileSync(path('cron/jobs.json'), JSON.stringify({ version: 1, jobs: [jobs.jobs[0]] }));
    await until('archived', async () => (await getCronJobByExternalId(db, 'openclaw', ONCE))?.removed_at);
    assert.equal((await runsOfEvery()).length, 3);
  });
});
