// More than one web process (issue 18, item 6): two `agent-studio web` processes on one Postgres, started
// together, and a bridge on a simulated gateway. Each one's setup link, sign-in and cookie work on the other; an
// action sent to one is run by the bridge and its events reach live streams on both; either resumes a stream
// from Last-Event-ID; failed sign-ins count together, whichever process they reach.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { StudioEvent } from '@agent-studio/core';
import { latestEventId } from '@agent-studio/database';
import { until } from '@agent-studio/database/testing';
import { processScene } from '../../gateway-bridge/test/kit/process-scene';
import { hourlyJob } from '../../gateway-bridge/test/kit/sim-jobs';
import { ensureWebBuild } from '../src/web-build';
import { cliProcess, followEvents, webProcess, type EventStream } from './web-process';

const scene = processScene('two-webs', 'two-webs-token');
const PASSWORD = 'two web processes';

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const sessionCookie = (res: Response) => res.headers.get('set-cookie')?.split(';')[0] ?? '';

/** The run's events a stream received: the command settled, the run started. */
const runEvents = (s: EventStream, commandId: string, runId: string) =>
  s.events.filter(
    (e: StudioEvent) =>
      (e.type === 'command.updated' && e.payload.commandId === commandId && e.payload.status === 'succeeded') ||
      (e.type === 'cron.run.started' && e.payload.runId === runId),
  );

test('two web processes on one Postgres: sign-in, actions, live events and replay work on either', async () => {
  // built first, as an install is: a build at load 20 outlasts the wait for a process's address
  ensureWebBuild((m) => console.log(m));
  scene.sim.addJob({ ...hourlyJob('Two webs'), id: 'two-webs' });
  const bridge = cliProcess(['bridge'], {
    DATABASE_URL: scene.t.url!,
    STUDIO_DATA_DIR: join(scene.dir, 'bridge'),
    OPENCLAW_GATEWAY_URL: scene.sim.url,
    OPENCLAW_GATEWAY_TOKEN: scene.sim.token,
    STUDIO_GTM_DIR: join(scene.dir, 'gtm'),
  });
  // started together, as a supervisor starts them
  const web = (name: string) => webProcess({ databaseUrl: scene.t.url!, dataDir: join(scene.dir, name) });
  const webs = [web('web-a'), web('web-b')] as const;
  const [a, b] = webs;
  const streams: EventStream[] = [];
  let ends: unknown[] = [];
  try {
    const [urlA, urlB] = await Promise.all([a.url(), b.url()]);

    // A's setup link, used on B; B's session cookie works on A
    const setup = await fetch(`${urlB}/api/auth/setup`, json({ token: await a.setupToken(), password: PASSWORD }));
    assert.equal(setup.status, 200, await setup.clone().text());
    const fromB = sessionCookie(setup);
    assert.equal((await fetch(`${urlA}/api/cron/jobs`, { headers: { cookie: fromB } })).status, 200);
    // signed in on A, the cookie works on B
    const login = await fetch(`${urlA}/api/auth/login`, json({ password: PASSWORD }));
    assert.equal(login.status, 200, await login.clone().text());
    const cookie = sessionCookie(login);
    const get = async <T>(url: string, path: string) => {
      const res = await fetch(`${url}${path}`, { headers: { cookie } });
      assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
      return (await res.json()) as T;
    };
    const job = await until('the job mirrored, as B lists it', async () => {
      const { jobs } = await get<{ jobs: { id: string; name: string }[] }>(urlB, '/api/cron/jobs');
      return jobs.find((j) => j.name === 'Two webs');
    });

    // a stream on each, resumed from just before the newest event: once that event is in, each is subscribed
    const before = await latestEventId(scene.t.db);
    const lastSeen = String(BigInt(before) - 1n);
    streams.push(await followEvents(urlA, cookie, lastSeen), await followEvents(urlB, cookie, lastSeen));
    await until('both streams subscribed', async () => streams.every((s) => s.events.some((e) => e.id === before)));

    // the action goes to B, the bridge runs it
    const trigger = await fetch(`${urlB}/api/cron/jobs/${job.id}/trigger`, { method: 'POST', headers: { cookie } });
    assert.ok([200, 202].includes(trigger.status), await trigger.clone().text());
    const answer = (await trigger.json()) as { runId?: string; commandId: string };
    const { commandId } = answer;
    const command = await until('the bridge ran the command, as A reports it', async () => {
      const { command: c } = await get<{ command: { status: string; result: { runId?: string } | null } }>(
        urlA,
        `/api/commands/${commandId}`,
      );
      return c.status === 'succeeded' && c;
    });
    const runId = answer.runId ?? command.result!.runId!;
    await until('the gateway ran the job', async () => scene.sim.runs.some((r) => r.jobId === 'two-webs'));

    // live on both: the events came after each stream had subscribed
    const [liveA, liveB] = await Promise.all(
      streams.map((s, i) =>
        until(`the run's events live on ${'AB'[i]}`, async () => {
          const got = runEvents(s, commandId, runId);
          return got.length === 2 && got;
        }),
      ),
    );
    assert.deepEqual(
      liveA!.map((e) => e.id),
      liveB!.map((e) => e.id),
      'both processes send the same events',
    );
    for (const s of streams) s.close();

    // resumed from before the run on either: the same events again, each once, in order
    for (const [name, url] of [
      ['A', urlA],
      ['B', urlB],
    ] as const) {
      const resumed = await followEvents(url, cookie, before);
      streams.push(resumed);
      await until(
        `the run's events replayed on ${name}`,
        async () => runEvents(resumed, commandId, runId).length === 2,
      );
      const ids = resumed.events.map((e) => e.id);
      assert.deepEqual(
        ids,
        [...new Set(ids)].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1)),
        'each once, in order',
      );
      assert.deepEqual(
        runEvents(resumed, commandId, runId).map((e) => e.id),
        liveA!.map((e) => e.id),
      );
      resumed.close();
    }

    // the sign-in limit is one, whichever process counts: ten wrong passwords, half on each, and then the right
    // one is refused on both
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${i % 2 ? urlB : urlA}/api/auth/login`, json({ password: 'not it' }));
      assert.equal(res.status, 401, await res.clone().text());
    }
    for (const url of [urlA, urlB])
      assert.equal((await fetch(`${url}/api/auth/login`, json({ password: PASSWORD }))).status, 429);
  } finally {
    for (const s of streams) s.close();
    ends = await Promise.all([...webs.map((w) => w.stop()), bridge.stop()]);
  }
  assert.deepEqual(ends, [0, 0, 0], 'each stopped cleanly');
});
