// The command palette's search (issue 16 item 8): server-side over everything (not the newest hundred), sessions
// of one name as one hit with their count and newest, each hit with a date; both drivers.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import { hourlyJob } from '@agent-studio/gateway-bridge/testing/sim-jobs';
import { getCronJobByExternalId, upsertAgentSession, upsertGtmOutputFromFile } from '@agent-studio/database';
import type * as SearchRoute from '@/app/api/search/route';
import { call, until, useStudio } from './fixture';

describeEachDriver('search API', (get) => {
  const studio = useStudio(get);
  let r: typeof SearchRoute;
  let newest: string;
  // when the job was added: its next run is after that (the simulator does not move it on once 07:00 passes)
  let addedAt: Date;

  before(async () => {
    r = await import('@/app/api/search/route');
    const { db, sim, gtmDir } = studio();
    addedAt = new Date();
    const job = sim.addJob({
      name: 'Daily digest',
      enabled: true,
      schedule: { kind: 'cron', expr: '0 7 * * *' },
      payload: { kind: 'agentTurn', message: 'write the digest' },
    });
    sim.addJob(hourlyJob('Unrelated', 'nothing to see'));
    await until('jobs mirrored', () => getCronJobByExternalId(db, 'openclaw', job.id));
    const t0 = Date.now() - 3 * 86_400_000;
    await db.transaction(async (tx) => {
      // nine runs' sessions of the digest, then 150 newer sessions of other names: the digest is not among the newest 100
      for (let i = 0; i < 9; i++) {
        const at = new Date(t0 + i * 60_000);
        const { row } = await upsertAgentSession(tx, {
          sessionKey: `agent:main:cron:digest:run:${i}`,
          agentName: 'Automation: Daily digest',
          agentType: 'cron',
          status: 'completed',
          startedAt: at,
          lastActivityAt: at,
        });
        newest = row.id;
      }
      for (let i = 0; i < 150; i++) {
        const at = new Date(Date.now() - i * 1000);
        await upsertAgentSession(tx, {
          sessionKey: `agent:main:chat:${i}`,
          agentName: `chat ${i}`,
          agentType: 'singleton',
          status: 'completed',
          startedAt: at,
          lastActivityAt: at,
        });
      }
      await upsertGtmOutputFromFile(tx, {
        sourceFilePath: `${gtmDir}/newsletter/digest-1.md`,
        fileHash: 'h',
        title: 'Market digest #1',
        contentType: 'newsletter',
        tags: [],
        priority: 0,
        contentMd: '# Market digest',
        contentHtml: '<h1>Market digest</h1>',
      });
    });
  });

  test('one query finds the job, the sessions of its name as one hit with their count, and the content, each with a date', async () => {
    const res = await call(r.GET, 'GET', '/api/search?q=digest');
    assert.equal(res.status, 200, JSON.stringify(res.json));
    const { jobs, sessions, content } = res.json as Record<
      string,
      { label: string; at: string | null; atKind: string | null; id: string; count?: number; hint: string }[]
    >;
    assert.deepEqual(
      jobs!.map((j) => j.label),
      ['Daily digest'],
    );
    assert.equal(jobs![0]!.atKind, 'next run');
    assert.ok(jobs![0]!.at && new Date(jobs![0]!.at) > addedAt);
    assert.equal(sessions!.length, 1, 'nine sessions of one name are one hit');
    assert.equal(sessions![0]!.count, 9);
    assert.equal(sessions![0]!.id, newest, 'the hit opens the newest');
    assert.match(sessions![0]!.hint, /^9 cron sessions/);
    assert.equal(sessions![0]!.atKind, 'last active');
    assert.deepEqual(
      content!.map((c) => c.label),
      ['Market digest #1'],
    );
    assert.ok(content![0]!.at);
  });

  test('an empty or over-long query is a 400; % and _ are taken literally', async () => {
    assert.equal((await call(r.GET, 'GET', '/api/search?q=')).status, 400);
    assert.equal((await call(r.GET, 'GET', `/api/search?q=${'x'.repeat(201)}`)).status, 400);
    const res = await call(r.GET, 'GET', '/api/search?q=%25');
    assert.equal(res.status, 200);
    assert.equal(res.json.jobs.length + res.json.sessions.length, 0);
  });
});
