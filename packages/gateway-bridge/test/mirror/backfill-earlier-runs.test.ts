// Transcripts of a job's earlier runs read back after an outage (issue 14, item 3, found by the lab kill loop):
// a job that ran twice while the studio was away is listed with its latest run only, but 2026.9.6 keeps a failed
// run's transcript under the run's own key; and the checkpoints move only once the transcripts are in, so a
// bridge killed mid-way through them reads them again. Recorded in a lab on 2026-12-06 (fixtures README).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getCheckpoint, setCheckpoint, type Db } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { silentLogger as quiet } from '../../src/logger';
import { GatewayMirror } from '../../src/mirror/gateway-mirror';
import { inTurn, type Step } from '../../src/mirror/live-order';
import { SOURCE } from '../../src/mirror/translate';
import { answer, entries, messages, RecordedGateway, reconcileAnswers, rows, type Entry } from '../recorded-gateway';
import { ids, logsOf } from './frames';

// "probe failing" (every model call answered 429) ran twice, "probe ok" twice; each is listed with its latest run
const FAILING = 'agent:main:cron:d6d1e63f-dff4-4d9c-841e-60609b1fd1da';
const FAILED_LATEST = `${FAILING}:run:7359f26b-b4f0-4a53-91ed-904abfc2889a`;
const FAILED_EARLIER = `${FAILING}:run:e0c19336-2bf5-4663-920a-4bfb142747c2`;
const OK = 'agent:main:cron:b6a748e8-0855-4dd5-81bc-bb18c85bf0d1';
const OK_LATEST = `${OK}:run:68d8021d-e80f-4fc6-9a55-c94f889126c9`;
const OK_EARLIER = `${OK}:run:f18c304a-0a21-4499-a429-ddce7e82f136`;

const messageIds = (name: string) => messages(name).map((m) => `msg:${m.__openclaw!.id}`);
const linesOf = async (db: Db, key: string) => ids(await logsOf(db, key)).filter((id) => id?.startsWith('msg:'));

/**
 * The lab's gateway: a job's key answers its latest run's transcript, the earlier failed run's key its own, and
 * the key of any other run (an ok one) no transcript (history-ok-earlier-run), as 2026.9.6 answered each.
 */
function labAnswers(runs: readonly Entry[], sessions = rows('sessions-list-earlier-runs')) {
  const histories: Record<string, string> = {
    [FAILING]: 'history-429-rpd-latest-run',
    [FAILED_EARLIER]: 'history-429-rpd-earlier-run',
    [OK]: 'history-ok-latest-run',
  };
  return {
    ...reconcileAnswers({ runs, sessions }),
    'cron.list': () => answer('cron-list-earlier-runs'),
    'chat.history': (p: Record<string, unknown>) => answer(histories[String(p.sessionKey)] ?? 'history-ok-earlier-run'),
  };
}

/** The studio last reconciled before the outage (not a first connect). */
async function reconciledBefore(db: Db, ms: number) {
  await setCheckpoint(db, SOURCE, 'cron.runs', { runAtMs: ms });
  await setCheckpoint(db, SOURCE, 'sessions.list', { updatedAtMs: ms });
}

const allRuns = () => [...entries('cron-runs-429-rpd'), ...entries('cron-runs-ok-twice')];
const earliest = (runs: readonly Entry[]) => Math.min(...runs.map((r) => r.runAtMs));

/** Each on a database of its own: the three tell apart what only one pass wrote. */
const apart = (title: string, fn: (db: Db) => Promise<void>) =>
  describeEachDriver('backfill: the earlier runs of an outage', (get) => test(title, () => fn(get().db)));

apart(
  'a failed run that is no longer its job’s latest is read back under its own key; each transcript lands in its own run',
  async (db) => {
    await reconciledBefore(db, earliest(allRuns()) - 60_000);
    const gw = new RecordedGateway(labAnswers(allRuns()));
    await new GatewayMirror(db, quiet).reconcile(gw, inTurn, { afterConnect: true });

    assert.deepEqual(await linesOf(db, FAILED_EARLIER), messageIds('history-429-rpd-earlier-run'));
    assert.deepEqual(await linesOf(db, FAILED_LATEST), messageIds('history-429-rpd-latest-run'));
    assert.deepEqual(await linesOf(db, OK_LATEST), messageIds('history-ok-latest-run'));
    assert.deepEqual(await linesOf(db, OK_EARLIER), [], 'the gateway offers no transcript of an earlier ok run');
    assert.ok(!gw.callsOf('chat.history').some((c) => c.params.sessionKey === OK_EARLIER), 'nor is it asked for');
  },
);

apart(
  'a job’s key that answers a run begun after the list was read: the run the list named gets its own transcript, not the next one’s',
  async (db) => {
    // the list was read while the earlier run was the job's latest; when its transcript was asked for, the job's
    // key answered the next run's (the recorded answers, the list's row as it was one run before)
    const runs = entries('cron-runs-429-rpd').filter((r) => r.sessionKey === FAILED_EARLIER);
    await reconciledBefore(db, earliest(runs) - 60_000);
    const listed = rows('sessions-list-earlier-runs').map((s) =>
      s.key === FAILING ? { ...s, sessionId: FAILED_EARLIER.split(':run:')[1] } : s,
    );
    await new GatewayMirror(db, quiet).reconcile(new RecordedGateway(labAnswers(runs, listed)), inTurn, {
      afterConnect: true,
    });
    assert.deepEqual(await linesOf(db, FAILED_EARLIER), messageIds('history-429-rpd-earlier-run'));
  },
);

apart(
  'a bridge killed while it reads the transcripts back leaves the checkpoints where they were: the next connect reads the outage again',
  async (db) => {
    // a long outage: the failed run began 10 minutes before the jobs' latest runs
    const runs = allRuns().map((r) =>
      r.sessionKey === FAILED_EARLIER ? { ...r, runAtMs: r.runAtMs - 10 * 60_000 } : r,
    );
    const before = earliest(runs) - 60_000;
    await reconciledBefore(db, before);

    // the bridge dies at the first write after it began reading transcripts
    let reading = false;
    const dies: Step = (write) => (reading ? Promise.reject(new Error('SIGKILL')) : write());
    const answers = labAnswers(runs);
    const first = new RecordedGateway({
      ...answers,
      'chat.history': (p) => {
        reading = true;
        return answers['chat.history'](p);
      },
    });
    await assert.rejects(new GatewayMirror(db, quiet).reconcile(first, dies, { afterConnect: true }), /SIGKILL/);
    assert.deepEqual(await linesOf(db, FAILED_EARLIER), []);
    assert.equal((await getCheckpoint<{ runAtMs: number }>(db, SOURCE, 'cron.runs'))?.runAtMs, before);
    assert.equal((await getCheckpoint<{ updatedAtMs: number }>(db, SOURCE, 'sessions.list'))?.updatedAtMs, before);

    await new GatewayMirror(db, quiet).reconcile(new RecordedGateway(labAnswers(runs)), inTurn, {
      afterConnect: true,
    });
    assert.deepEqual(await linesOf(db, FAILED_EARLIER), messageIds('history-429-rpd-earlier-run'));
  },
);
