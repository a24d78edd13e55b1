// Issue 18's fleet on REAL OpenClaw gateways (the lab), one Postgres: two gateways as OpenClaw profiles of one
// machine (`openclaw --profile alpha` and `--profile beta`, one home folder, each on its own port), served by
// bridge processes of that machine (one data folder; beta's by two bridges, one its standby), and a third
// gateway served as from another host (`agent-studio bridge --gateway vps` with only that host's HOME and
// DATABASE_URL). Each gateway's rows are compared with its own cron.list, cron.runs and sessions.list
// (faults/gateway-truth.ts, one gateway's rows each); a run asked for through the command queue runs on its
// gateway only; alpha killed leaves the others live; beta's working bridge SIGKILLed mid-run, the standby takes
// over, and every run is mirrored once.
//
// Postgres only (bridges as processes, the test reading the database beside them). Three gateway starts at
// once: a few minutes on a busy 2-core machine.  LAB_VERBOSE=1  prints the bridges' output.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  DEFAULT_GATEWAY_ID,
  enqueueCommand,
  findGateway,
  gatewayLeaseKey,
  getCheckpoint,
  getCommand,
  getCronJobByExternalId,
  getGateway,
  getLease,
  type CommandRow,
  type GatewayRow,
} from '@agent-studio/database';
import { createPostgresDatabase, type TestDatabase } from '@agent-studio/database/testing';
import { gatewayTruth } from './faults/gateway-truth';
import { gatewayRuns } from './faults/mirror-check';
import { bridgeProcess } from './kit/bridge-process';
import { startOperator } from './kit/operator';
import { startLab, type Lab, type LabOptions } from './lab/gateway';
import { LabRig, type CronEvent } from './lab/studio-rig';

type BridgeProc = ReturnType<typeof bridgeProcess>;

/** One gateway of the fleet: its lab and the test's operator on it (a LabRig), its jobs and its studio row. */
interface Member {
  name: string;
  rig: LabRig;
  jobs: { id: string; name: string }[];
  row: GatewayRow;
}

const id = randomUUID().slice(0, 6);
let t: TestDatabase;
let dir: string;
const labs: Lab[] = [];
const bridges: BridgeProc[] = [];
let alpha: Member;
let beta: Member;
let vps: Member;
/** Beta's two bridges: the one holding its lease and the standby. */
let betaHolder: BridgeProc;
let betaStandby: BridgeProc;

/** The bridge process holding a lease (holders are `<worker>#<pid>.<random>`). */
const holderPid = (holder: string | null | undefined) => Number(/#(\d+)\./.exec(holder ?? '')?.[1]);

before(async () => {
  t = await createPostgresDatabase();
  dir = mkdtempSync(join(tmpdir(), 'studio-lab-fleet-'));
  const host = join(dir, 'host-1');
  mkdirSync(join(host, 'home'), { recursive: true });
  const starts: LabOptions[] = [
    { profile: { home: join(host, 'home'), name: 'alpha' } },
    { profile: { home: join(host, 'home'), name: 'beta' } },
    {},
  ];
  const started = await Promise.allSettled(starts.map((o) => startLab(o)));
  for (const s of started) if (s.status === 'fulfilled') labs.push(s.value);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
});

after(async () => {
  for (const b of bridges) if (b.child.exitCode === null && b.child.signalCode === null) b.child.kill('SIGTERM');
  await Promise.all(bridges.map((b) => b.ended));
  for (const m of [alpha, beta, vps]) await m?.rig.op.stop().catch(() => {});
  await Promise.all(labs.map((l) => l.stop()));
  await t?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A gateway of the fleet with two jobs of its own, each run once before any bridge serves it (history to read). */
async function member(name: string, lab: Lab): Promise<Omit<Member, 'row'>> {
  const op = startOperator(lab, join(dir, `operator-${name}`));
  const rig = new LabRig(t, lab, op, join(dir, `rig-${name}`));
  const jobs = [
    await rig.addJob(`${name} digest`, `Write the ${name} digest FLEET-${name}-digest-${id}`),
    await rig.addJob(`${name} report`, `Write the ${name} report FLEET-${name}-report-${id}`),
  ];
  await Promise.all(jobs.map((job) => rig.force(job.id)));
  return { name, rig, jobs };
}

/**
 * `agent-studio bridge --gateway <name>` as run on a machine (`host-1` or `host-2`): from that machine's folder, in
 * its home and with its data folder (`./.studio/db`), with `env` saying where OpenClaw is (nothing on a machine
 * whose ~/.openclaw/openclaw.json is the gateway's).
 */
const bridgeOn = (host: string, name: string, env: Record<string, string>, label = name) => {
  const cwd = join(dir, host);
  mkdirSync(cwd, { recursive: true });
  const bridge = bridgeProcess({
    name: `${host} bridge ${label}`,
    cwd,
    dataDir: join(cwd, '.studio', 'db'),
    databaseUrl: t.url,
    args: ['--gateway', name],
    env,
  });
  bridges.push(bridge);
  return bridge;
};
/** A bridge on the machine with the profiles: its home, the profile's config. */
const onHostOne = (name: string, lab: Lab, label = name) =>
  bridgeOn('host-1', name, { HOME: join(dir, 'host-1', 'home'), OPENCLAW_CONFIG_PATH: lab.configPath }, label);
/** The bridge of another machine: its own home, where OpenClaw keeps ~/.openclaw/openclaw.json. */
const onHostTwo = (name: string, lab: Lab) => bridgeOn('host-2', name, { HOME: dirname(lab.stateDir) });

/** Waits until the studio's rows of `m`'s gateway equal its own answers (call when it is quiet), then asserts it. */
async function mirrorsItsGateway(m: Member, ctx: { diagnostic(msg: string): void }) {
  const truth = () => gatewayTruth(t.db, m.rig.op, { gatewayId: m.row.id });
  await m.rig.quiet();
  await m.rig
    .until(`${m.name}'s rows to equal its gateway`, async () => (await truth()).differences.length === 0)
    .catch(() => {}); // the assertion says what differs
  const result = await truth();
  ctx.diagnostic(`${m.name}: compared ${JSON.stringify(result.counts)}`);
  assert.deepEqual(
    result.differences,
    [],
    `${result.differences.length} differences between ${m.name}'s rows and its gateway:\n${result.differences.join('\n')}` +
      `\n--- its bridge's output (tail)\n${m.rig.bridge?.output().slice(-4000) ?? ''}`,
  );
  return result.counts;
}

/** Rows whose gateway is not the gateway of the row they belong to, and mirrored rows on the default gateway. */
async function rowsOnTheWrongGateway(): Promise<string[]> {
  const rows = await t.db.query<{ what: string; n: number }>(
    `select 'run under another gateway''s job' as what, count(*)::int as n
       from cron_runs r join cron_jobs j on j.id = r.job_id where r.gateway_id <> j.gateway_id
     union all select 'session of another gateway''s job', count(*)::int
       from agent_sessions s join cron_jobs j on j.id = s.cron_job_id where s.gateway_id <> j.gateway_id
     union all select 'session under another gateway''s parent', count(*)::int
       from agent_sessions s join agent_sessions p on p.id = s.parent_session_id where s.gateway_id <> p.gateway_id
     union all select 'log line of another gateway''s session', count(*)::int
       from agent_logs l join agent_sessions s on s.id = l.session_id where l.gateway_id <> s.gateway_id
     union all select 'log line of another gateway''s run', count(*)::int
       from agent_logs l join cron_runs r on r.id = l.run_id where l.gateway_id <> r.gateway_id
     union all select 'job on the default gateway', count(*)::int from cron_jobs where gateway_id = $1
     union all select 'run on the default gateway', count(*)::int from cron_runs where gateway_id = $1
     union all select 'session on the default gateway', count(*)::int from agent_sessions where gateway_id = $1
     union all select 'log line on the default gateway', count(*)::int from agent_logs where gateway_id = $1`,
    [DEFAULT_GATEWAY_ID],
  );
  return rows.filter((r) => r.n > 0).map((r) => `${r.n} ${r.what}`);
}

/** The gateway's connection as its bridge last recorded it. */
const status = (m: Member) => getCheckpoint<{ connected: boolean; since: string }>(t.db, 'gateway', 'status', m.row.id);

const finished = async (rig: LabRig, cmd: CommandRow) => {
  const done = await rig.until(`command ${cmd.kind} to finish`, async () => {
    const c = await getCommand(t.db, cmd.id);
    return (c?.status === 'succeeded' || c?.status === 'failed') && c;
  });
  assert.equal(done.status, 'succeeded', done.error ?? '');
  return done;
};

/** The gateway's `finished` event of a run of `jobId` started at or after `notBefore`. */
const runFinished = (rig: LabRig, jobId: string, notBefore: number) =>
  rig.until(`a run of ${jobId} to finish`, () =>
    rig.events.find((e) => {
      const p = e.payload as CronEvent;
      return e.event === 'cron' && p.jobId === jobId && p.action === 'finished' && (p.runAtMs ?? 0) >= notBefore;
    }),
  );

test('three real gateways, bridges on one host and on another, one Postgres: each gateway mirrored equal to its own lists, no row on another', async (ctx) => {
  const [labAlpha, labBeta, labVps] = labs as [Lab, Lab, Lab];
  ctx.diagnostic(`gateways ready in ${labs.map((l) => `${Math.round(l.startMs / 1000)} s`).join(', ')}`);
  const [a, b, c] = await Promise.all([member('alpha', labAlpha), member('beta', labBeta), member('vps', labVps)]);

  const alphaBridge = onHostOne('alpha', labAlpha);
  const betaBridges: [BridgeProc, BridgeProc] = [
    onHostOne('beta', labBeta, 'beta 1'),
    onHostOne('beta', labBeta, 'beta 2'),
  ];
  const vpsBridge = onHostTwo('vps', labVps);
  const rowOf = async (m: Omit<Member, 'row'>, bridge: BridgeProc): Promise<Member> => {
    m.rig.bridge = bridge;
    const row = await m.rig.until(`the gateway "${m.name}" exists`, () => findGateway(t.db, m.name));
    await m.rig.until(`${m.name} connected`, async () => (await status({ ...m, row }))?.connected);
    return { ...m, row };
  };
  [alpha, vps] = await Promise.all([rowOf(a, alphaBridge), rowOf(c, vpsBridge)]);

  // beta: one bridge holds its lease and works, the other waits naming it
  const betaRow = await b.rig.until('the gateway "beta" exists', () => findGateway(t.db, 'beta'));
  const first = await b.rig.until(
    'a bridge holds beta',
    async () => (await getLease(t.db, gatewayLeaseKey(betaRow.id)))?.holder,
  );
  [betaHolder, betaStandby] =
    holderPid(first) === betaBridges[0].child.pid ? betaBridges : [betaBridges[1], betaBridges[0]];
  assert.equal(holderPid(first), betaHolder.child.pid);
  beta = await rowOf(b, betaHolder);
  await beta.rig.until('the other bridge waits, naming the holder', async () =>
    betaStandby.output().includes(`standby for gateway beta, held by ${first}`),
  );
  assert.equal((await getGateway(t.db, beta.row.id))?.served_by, first);

  for (const m of [alpha, beta, vps]) {
    const row = (await getGateway(t.db, m.row.id))!;
    assert.equal(row.state, 'connected');
    assert.equal(row.url, m.rig.lab.url, `${m.name}'s row names its own gateway`);
  }
  await Promise.all([alpha, beta, vps].map((m) => mirrorsItsGateway(m, ctx)));
  assert.deepEqual(await rowsOnTheWrongGateway(), []);
});

test('a run asked for on each gateway through the command queue runs on that gateway only', async (ctx) => {
  const members = [alpha, beta, vps];
  type Run = { jobId: string; runAtMs: number; runId?: string };
  const key = (r: Run) => `${r.jobId}@${r.runAtMs}`;
  const runsBefore = await Promise.all(members.map(async (m) => new Set((await gatewayRuns<Run>(m.rig.op)).map(key))));
  const queuedAt = Date.now() - 1;
  const commands = await Promise.all(
    members.map(async (m) => {
      const job = await getCronJobByExternalId(t.db, 'openclaw', m.jobs[0]!.id, m.row.id);
      assert.ok(job, `${m.name}'s job is mirrored on ${m.name}`);
      return enqueueCommand(t.db, 'cron.run', { jobId: job.id, triggerType: 'manual' }, { gatewayId: m.row.id });
    }),
  );
  const asked = await Promise.all(
    members.map(async (m, i) => {
      const done = await finished(m.rig, commands[i]!);
      await runFinished(m.rig, m.jobs[0]!.id, queuedAt);
      return (done.result as { openclawRunId?: string | null }).openclawRunId;
    }),
  );
  for (const [i, m] of members.entries()) {
    await m.rig.quiet();
    const added = (await gatewayRuns<Run>(m.rig.op)).filter((r) => !runsBefore[i]!.has(key(r)));
    assert.deepEqual(
      added.map((r) => [r.jobId, r.runId]),
      [[m.jobs[0]!.id, asked[i]]],
      `${m.name} ran exactly one more run: the one its command started`,
    );
  }
  await Promise.all(members.map((m) => mirrorsItsGateway(m, ctx)));
  assert.deepEqual(await rowsOnTheWrongGateway(), []);
});

test('gateway alpha killed: beta and vps stay connected and keep mirroring their runs live', async (ctx) => {
  const live = [beta, vps];
  for (const m of live) await m.rig.quiet();
  const since = await Promise.all(live.map(async (m) => (await status(m))!.since));
  await alpha.rig.lab.kill();
  await alpha.rig.until(
    'alpha shown disconnected',
    async () => (await getGateway(t.db, alpha.row.id))?.state === 'disconnected',
  );
  const killed = Date.now() - 1;
  await Promise.all(live.flatMap((m) => m.jobs.map((j) => m.rig.force(j.id))));
  for (const m of live) {
    await m.rig.until(`${m.name}'s runs since the kill mirrored`, async () => {
      const [{ n }] = (await t.db.query<{ n: number }>(
        `select count(*)::int as n from cron_runs where gateway_id = $1 and started_at >= $2 and status <> 'running'`,
        [m.row.id, new Date(killed)],
      )) as [{ n: number }];
      return n >= m.jobs.length;
    });
    await mirrorsItsGateway(m, ctx);
  }
  for (const [i, m] of live.entries()) {
    const s = await status(m);
    assert.equal(s?.connected, true, `${m.name} connected`);
    assert.equal(s?.since, since[i], `${m.name}'s bridge never reconnected: its runs came as live events`);
    assert.equal((await getGateway(t.db, m.row.id))?.state, 'connected');
  }
  assert.equal((await status(alpha))?.connected, false);
});

test("beta's working bridge SIGKILLed mid-run: the standby takes over, and every run is mirrored once", async (ctx) => {
  const { rig } = beta;
  const [slowJob, otherJob] = [beta.jobs[0]!, beta.jobs[1]!];
  const first = (await getLease(t.db, gatewayLeaseKey(beta.row.id)))!.holder;
  assert.equal(holderPid(first), betaHolder.child.pid);

  // a run in flight when the bridge dies: the model holds it half-way until the kill has landed
  let letGo = () => {};
  const held = new Promise<void>((resolve) => (letGo = resolve));
  const marker = `FLEET-beta-digest-${id}`;
  rig.lab.mock.script({
    when: marker,
    reply: { text: 'A line of the digest. '.repeat(40), delayMs: 100, heldBy: held },
  });
  const inFlight = await rig.forceInFlight(slowJob.id, marker);
  await rig.until('the run in flight mirrored as running', async () => {
    const [row] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from agent_sessions where gateway_id = $1 and session_key like $2 and status = 'running'`,
      [beta.row.id, `agent:main:cron:${slowJob.id}:run:%`],
    );
    return row!.n > 0;
  });
  const killedAt = Date.now();
  betaHolder.child.kill('SIGKILL');
  assert.equal(await betaHolder.ended, 'SIGKILL');
  letGo();

  // while no bridge serves beta: the held run ends, another runs, and an action is asked for
  await inFlight.finished;
  await rig.force(otherJob.id);
  const job = (await getCronJobByExternalId(t.db, 'openclaw', otherJob.id, beta.row.id))!;
  const cmd = await enqueueCommand(
    t.db,
    'cron.run',
    { jobId: job.id, triggerType: 'manual' },
    { gatewayId: beta.row.id },
  );

  const next = await rig.until('the standby holds beta', async () => {
    const h = (await getLease(t.db, gatewayLeaseKey(beta.row.id)))?.holder;
    return h && h !== first && h;
  });
  assert.equal(holderPid(next), betaStandby.child.pid);
  rig.bridge = betaStandby;
  await rig.until('its log says so', async () => betaStandby.output().includes('took the lease on gateway beta'));
  await rig.until('beta served by the standby', async () => (await getGateway(t.db, beta.row.id))?.served_by === next);
  const done = await finished(rig, cmd);
  assert.equal(done.attempts, 1, 'claimed once');
  // and after the takeover, live
  await rig.force(slowJob.id);

  const counts = await mirrorsItsGateway(beta, ctx);
  assert.ok(counts.runs >= 8, `beta ran ${counts.runs} runs`);
  const runs = await gatewayRuns<{ runAtMs: number; durationMs?: number; runId?: string }>(rig.op);
  const commandRun = (done.result as { openclawRunId?: string | null }).openclawRunId;
  assert.equal(runs.filter((r) => r.runId === commandRun).length, 1, 'the action asked for meanwhile ran once');
  // what happened while no bridge served beta (the standby's log line says when it took over)
  const took = /(\S+Z) info +took the lease on gateway beta/.exec(betaStandby.output())?.[1];
  const tookAt = took ? Date.parse(took) : NaN;
  const endedUnserved = runs.filter((r) => {
    const end = r.runAtMs + (r.durationMs ?? 0);
    return end >= killedAt && end < tookAt;
  }).length;
  ctx.diagnostic(
    `the standby took beta over ${tookAt - killedAt} ms after the SIGKILL; ${endedUnserved} runs ended meanwhile, ` +
      `${runs.filter((r) => r.runAtMs >= killedAt).length} started since the kill`,
  );
  await mirrorsItsGateway(vps, ctx);
  assert.deepEqual(await rowsOnTheWrongGateway(), []);
  // the other two bridges never stopped
  for (const b of [betaStandby, ...bridges.filter((p) => p !== betaHolder && p !== betaStandby)])
    assert.equal(b.child.exitCode, null, b.output());
});
