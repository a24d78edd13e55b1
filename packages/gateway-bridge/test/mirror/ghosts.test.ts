// Sessions the gateway no longer runs (ghosts.ts): settled with their run's end or saying so.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  enqueueCommand,
  getAgentSessionByKey,
  getCronJobByExternalId,
  getCronRunByExternalId,
} from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { abortSession } from '../../src/commands/session-abort';
import { silentLogger as quiet } from '../../src/logger';
import { GatewayMirror } from '../../src/mirror/gateway-mirror';
import * as translate from '../../src/mirror/translate';
import { answer, entries, RecordedGateway, reconcileAnswers, recordedEvents, rows } from '../recorded-gateway';
import { CHAT, KILLED_JOB, KILLED_RUN, RATE_LIMITED_RUN, asFirstConnect, at } from './frames';

describeEachDriver('ghosts: sessions the gateway no longer runs', (get) => {
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
});
