// A bridge on another host, on the least-privilege role (issue 18, step 4): the owner runs `agent-studio
// bridge-role <name> --gateway remote` with the studio's DATABASE_URL on a fresh database and gets the bridge's URL,
// which serves that gateway only (its rows: a bridge for another gateway is refused); a bridge process
// on that URL serves its gateway (a simulator) as any bridge does: its row, the mirror equal to the gateway's own
// lists, a queued command run, a GTM file imported. It leaves the studio-wide workers alone (it says so and never
// takes their lease), and as that role the owner's password hash, API tokens, webhook secrets and alert channel
// secrets cannot be read.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { newJobSchema, studioActor, type CommandKind, type CommandPayload } from '@agent-studio/core';
import {
  enqueueCommand,
  getCronJob,
  updateGtmOutput,
  findGateway,
  gatewayLeaseKey,
  getCommand,
  getCronJobByExternalId,
  getGateway,
  getLease,
  listCronRuns,
  listGtmOutputs,
  openDb,
  STUDIO_LEASE_KEY,
} from '@agent-studio/database';
import { TEST_PG_URL, until } from '@agent-studio/database/testing';
import { mirrorCatchesUp } from './faults/mirror-check';
import { bridgeProcess } from './kit/bridge-process';
import { processScene } from './kit/process-scene';
import { hourlyJob } from './kit/sim-jobs';

const CLI = fileURLToPath(new URL('../../../bin/agent-studio.mjs', import.meta.url));
const scene = processScene('bridge-role', 'bridge-role-token');
// roles are the cluster's: one of its own per run, dropped once the scene's database is gone
const ROLE = `bridge_remote_${randomBytes(4).toString('hex')}`;
after(async () => {
  const admin = await openDb({ databaseUrl: TEST_PG_URL, dataDir: scene.dir });
  await admin.exec(`drop role if exists ${ROLE}`);
  await admin.close();
});

test('a bridge on the bridge role serves its gateway, leaves the studio-wide work and reads no secrets', async () => {
  const { t, sim, op, dir } = scene;
  // limited to the gateway it will serve (created by the command): that gateway's rows only
  const made = spawnSync(process.execPath, [CLI, 'bridge-role', ROLE, '--gateway', 'remote'], {
    env: { PATH: process.env.PATH, DATABASE_URL: t.url, STUDIO_DATA_DIR: join(dir, 'owner') },
    encoding: 'utf8',
  });
  assert.equal(made.status, 0, made.stderr + made.stdout);
  const url = /DATABASE_URL='([^']+)'/.exec(made.stdout)?.[1];
  assert.ok(url, made.stdout);
  assert.equal(new URL(url).username, ROLE);
  assert.match(made.stdout, /npx agent-studio bridge --gateway remote\n/);
  // another gateway's bridge on it is refused at once, in words
  const elsewhere = spawnSync(process.execPath, [CLI, 'bridge', '--gateway', 'elsewhere'], {
    env: { PATH: process.env.PATH, DATABASE_URL: url, STUDIO_DATA_DIR: join(dir, 'elsewhere') },
    encoding: 'utf8',
  });
  assert.equal(elsewhere.status, 2, elsewhere.stderr + elsewhere.stdout);
  assert.match(elsewhere.stderr, /may serve the gateway "remote" only: start it with --gateway remote/);
  assert.equal(await findGateway(t.db, 'elsewhere'), null);

  const job = sim.addJob({ ...hourlyJob('run on the remote host'), id: 'remote-job' });
  writeFileSync(join(dir, 'gtm', 'launch-post.md'), '---\ntitle: Launch post\n---\nWritten on the remote host.\n');
  const bridge = bridgeProcess({
    gateway: sim,
    dataDir: join(dir, 'remote'),
    gtmDir: join(dir, 'gtm'),
    databaseUrl: url,
    args: ['--gateway', 'remote'],
  });
  /** `until`, failing at once when the bridge logs a right refused (a source skips the item and goes on). */
  const seen = <T>(what: string, fn: () => Promise<T | null | undefined | false>) =>
    until(what, async () => {
      assert.doesNotMatch(bridge.output(), /permission denied/);
      return fn();
    });
  try {
    const remote = await until('the gateway "remote" exists', () => findGateway(t.db, 'remote'));
    const row = await seen('its job mirrored', () => getCronJobByExternalId(t.db, 'openclaw', job.id, remote.id));
    const settled = async <K extends CommandKind>(kind: K, payload: CommandPayload<K>) => {
      const cmd = await enqueueCommand(t.db, kind, payload, { gatewayId: remote.id });
      return seen(`${kind} ran`, async () => {
        const c = await getCommand(t.db, cmd.id);
        return (c?.status === 'succeeded' || c?.status === 'failed') && c;
      });
    };
    /** Queues a command for the remote gateway and waits for the bridge to finish it: it must succeed. */
    const ran = async <K extends CommandKind>(kind: K, payload: CommandPayload<K>) => {
      const done = await settled(kind, payload);
      assert.equal(done.status, 'succeeded', `${kind}: ${done.error}`);
      return done;
    };
    await ran('cron.run', { jobId: row.id, triggerType: 'manual' });
    await until('the gateway finished the run', async () => sim.runs.some((r) => r.jobId === job.id));
    const counts = await mirrorCatchesUp(t.db, op);
    assert.ok(counts.runs >= 1 && counts.sessions >= 1, JSON.stringify(counts));
    const [logLines] = await t.db.query<{ n: number }>(
      'select count(*)::int as n from agent_logs where gateway_id = $1',
      [remote.id],
    );
    assert.ok(logLines!.n > 0, "the run's transcript mirrored");
    const post = await seen('the GTM file imported', async () =>
      (await listGtmOutputs(t.db, {})).rows.find((o) => o.title === 'Launch post' && o.gateway_id === remote.id),
    );
    // a host-cron run recorded by `agent-studio exec` beside it, through the spool the bridge imports
    const exec = spawnSync(
      process.execPath,
      [CLI, 'exec', '--job', 'nightly-backup', '--', process.execPath, '-e', 'console.log("backed up")'],
      { env: { PATH: process.env.PATH, STUDIO_DATA_DIR: join(dir, 'remote') }, encoding: 'utf8' },
    );
    assert.equal(exec.status, 0, exec.stderr);
    const backup = await seen('the exec run imported', () =>
      getCronJobByExternalId(t.db, 'host', 'nightly-backup', remote.id),
    );
    await seen('its run recorded', async () => (await listCronRuns(t.db, { jobId: backup.id })).rows[0]);
    // the other actions a bridge takes on its rows
    await ran('cron.update', { jobId: row.id, message: 'a new message' });
    await ran('cron.setEnabled', { jobId: row.id, enabled: false, reason: 'paused from the studio' });
    const added = await ran(
      'cron.add',
      newJobSchema.parse({
        name: 'added remotely',
        schedule: { kind: 'every', everyMs: 3_600_000 },
        session: 'isolated',
        message: 'x',
      }),
    );
    await ran('cron.remove', { jobId: (added.result as { jobId: string }).jobId });
    await t.db.transaction((tx) => updateGtmOutput(tx, post.id, { status: 'approved', actor: studioActor }));
    await ran('gtm.publish', { outputId: post.id, url: 'https://example.com/launch', actor: studioActor });
    assert.equal((await getCronJob(t.db, row.id))?.paused_reason, 'paused from the studio');
    const holder = (await getLease(t.db, gatewayLeaseKey(remote.id)))?.holder;
    const gatewayRow = await getGateway(t.db, remote.id);
    assert.equal(gatewayRow?.state, 'connected');
    assert.equal(gatewayRow?.served_by, holder, 'its row names the bridge that serves it');

    assert.match(bridge.output(), /database role bridge_remote_\w+: a bridge's rights only/);
    assert.match(bridge.output(), /may not run the studio-wide workers/);
    assert.equal(await getLease(t.db, STUDIO_LEASE_KEY), null, 'it never took the studio-wide lease');
    const test = await settled('alert.test', { channelId: randomUUID() });
    assert.equal(test.status, 'failed');
    assert.match(
      test.error ?? '',
      /does not send alerts: its database role \(a bridge role\) may not read alert channels/,
    );

    const asRole = await openDb({ databaseUrl: url, dataDir: dir });
    try {
      for (const secret of [
        'select password_hash from users',
        'select token_hash from api_tokens',
        'select secret from webhooks',
        'select secret_sealed from alert_channels',
      ])
        await assert.rejects(asRole.query(secret), (err: { code?: string }) => err.code === '42501', secret);
    } finally {
      await asRole.close();
    }
  } finally {
    bridge.child.kill('SIGTERM');
    assert.equal(await bridge.ended, 0, bridge.output());
  }
  // a part that logs and goes on (a source skipping a file) would hide a missing right from the checks above
  assert.doesNotMatch(bridge.output(), /permission denied/);
});
