// Host cron end to end: crontab files → jobs; `agent-studio exec` (the real command, in a child process) →
// runs with live output, exit code, duration and peak memory, through the spool or straight into Postgres;
// a database that is down, a wrapper killed mid-run and a bridge restarted mid-file lose nothing; Run now.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  createGateway,
  enqueueCommand,
  getCronJobByExternalId,
  getCronRun,
  getCronRunByExternalId,
  listAgentLogs,
  listCronRuns,
  type Db,
} from '@agent-studio/database';
import { describeEachDriver, until } from '@agent-studio/database/testing';
import { runCronJob } from '../src/commands/cron-run';
import { HostCrontabSource } from '../src/sources/host-crontab';
import { ExecSpoolSource } from '../src/sources/exec-spool';
import { HostCron } from '../src/sources/host-cron';
import { hostCronOwnerFile } from '../src/host-cron/owner';

const ROOT = new URL('../../..', import.meta.url).pathname;
const CLI = [process.execPath, join(ROOT, 'bin/agent-studio.mjs')];

describeEachDriver('host cron', (get) => {
  let db: Db;
  let dir: string;
  let spoolDir: string;
  let cronD: string;
  let crontabs: HostCrontabSource;
  let spool: ExecSpoolSource;
  const warnings: string[] = [];
  const logger = { info() {}, warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) };

  /** `agent-studio exec` as cron would start it; resolves with its exit code and what it printed. */
  function exec(args: string[], env: Record<string, string | undefined> = {}) {
    const child = spawn(CLI[0]!, [CLI[1]!, 'exec', ...args], {
      env: { ...process.env, DATABASE_URL: undefined, STUDIO_SPOOL_DIR: spoolDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      child.on('close', (code) => resolve({ code, stdout, stderr })),
    );
  }

  const runOf = async (job: string) => {
    const row = await getCronJobByExternalId(db, 'host', job);
    return row ? (await listCronRuns(db, { jobId: row.id, limit: 1 })).rows[0] : undefined;
  };

  before(async () => {
    db = get().db;
    dir = mkdtempSync(join(tmpdir(), 'studio-host-cron-'));
    spoolDir = join(dir, 'spool');
    cronD = join(dir, 'cron.d');
    mkdirSync(cronD);
    writeFileSync(
      join(cronD, 'studio'),
      `GREETING=hello from cron\n*/5 * * * * root agent-studio exec --job greet -- sh -c 'echo "$GREETING"'\n@daily root /usr/bin/backup --fast\nbroken line here\n`,
    );
    crontabs = new HostCrontabSource({ db, files: [join(cronD, 'studio'), join(dir, 'crontab-not-yet')], logger });
    spool = new ExecSpoolSource({ db, spoolDir, logger });
    await crontabs.start();
    await spool.start();
  });

  after(async () => {
    await crontabs?.stop();
    await spool?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('crontab lines become host jobs with their next run; a bad line is skipped with a warning', async () => {
    const greet = await getCronJobByExternalId(db, 'host', 'greet');
    assert.ok(greet, 'the wrapped line is a job named by --job');
    assert.equal(greet.schedule, '*/5 * * * *');
    assert.equal(greet.payload.user, 'root');
    // on the five-minute grid, the next one when the file was read (which may have passed by now)
    const next = greet.next_run_at!.getTime();
    assert.ok(next % 300_000 === 0 && Math.abs(next - Date.now()) <= 300_000, greet.next_run_at!.toISOString());
    assert.deepEqual(greet.payload.env, { GREETING: 'hello from cron' });
    const all = await db.query<{ name: string; schedule: string }>(
      `select name, schedule from cron_jobs where source = 'host' order by name`,
    );
    assert.equal(all.length, 2);
    assert.ok(all.some((j) => j.schedule === '@daily' && j.name.includes('/usr/bin/backup --fast')));
    assert.ok(
      warnings.some((w) => /studio:4: "broken line here/.test(w)),
      warnings.join('\n'),
    );
  });

  test('editing the files: a changed schedule updates the job, a removed line archives it, a new file adds its jobs', async () => {
    writeFileSync(
      join(cronD, 'studio'),
      `GREETING=hello from cron\n0 6 * * * root agent-studio exec --job greet -- sh -c 'echo "$GREETING"'\n`,
    );
    writeFileSync(join(dir, 'crontab-not-yet'), `@hourly agent-studio exec --job later -- true\n`);
    await until(
      'greet rescheduled',
      async () => (await getCronJobByExternalId(db, 'host', 'greet'))?.schedule === '0 6 * * *',
    );
    await until('the new file read', () => getCronJobByExternalId(db, 'host', 'later'));
    await crontabs.idle();
    const backup = (
      await db.query<{ enabled: boolean; removed_at: Date | null }>(
        `select enabled, removed_at from cron_jobs where source = 'host' and schedule = '@daily'`,
      )
    )[0];
    assert.ok(backup?.removed_at, 'the removed line is archived, not deleted');
    assert.equal(backup.enabled, false);
  });

  test('exec: output passed through and streamed live, exit code kept, duration and peak memory measured', async () => {
    // prints, allocates ~64 MB, holds it at least 1.5 s and until the test says go, prints to stderr, fails with 3
    const go = join(dir, 'go');
    const script = `console.log('step 1'); const b = Buffer.alloc(64 * 1024 * 1024, 1); const t0 = Date.now();
      setInterval(() => { if (Date.now() - t0 > 1500 && require('fs').existsSync(${JSON.stringify(go)})) { console.error('step 2 went wrong', b.length); process.exit(3); } }, 50);`;
    const started = Date.now();
    const running = exec(['--job', 'greet', '--', process.execPath, '-e', script]);
    const run = await until('the run, live', async () => {
      const r = await runOf('greet');
      return r?.status === 'running' && (await listAgentLogs(db, { runId: r.id })).length === 1 ? r : null;
    });
    writeFileSync(go, '');
    const { code, stdout, stderr } = await running;
    assert.equal(code, 3, 'exec exits with the command’s exit code');
    assert.equal(stdout, 'step 1\n');
    assert.match(stderr, /^step 2 went wrong 67108864\n$/);
    const done = await until('the run finished', async () =>
      (await getCronRun(db, run.id))?.status === 'failed' ? getCronRun(db, run.id) : null,
    );
    assert.equal(done!.exit_code, 3);
    assert.equal(done!.error, 'exited with code 3');
    // at least the 1.5 s the script holds, at most the time the test watched it run
    assert.ok(
      done!.duration_ms! >= 1500 && done!.duration_ms! <= Date.now() - started,
      `duration ${done!.duration_ms}`,
    );
    // node itself is ~40 MB; the buffer adds 64 MB
    assert.ok(done!.memory_peak_mb! >= 64 + 20 && done!.memory_peak_mb! < 400, `peak ${done!.memory_peak_mb} MB`);
    assert.match(done!.stderr!, /step 2 went wrong/);
    const logs = await listAgentLogs(db, { runId: run.id });
    assert.deepEqual(
      logs.map((l) => [l.level, l.message]),
      [
        ['info', 'step 1'],
        ['warn', 'step 2 went wrong 67108864'],
      ],
    );
    await until('the spool file removed once imported', async () => readdirSync(spoolDir).length === 0);
  });

  test('a command that cannot start is a failed run with exit code 127', async () => {
    const { code, stderr } = await exec(['--job', 'missing', '--', '/no/such/command']);
    assert.equal(code, 127);
    assert.match(stderr, /command not found: \/no\/such\/command/);
    const run = await until('the failed run', async () =>
      (await runOf('missing'))?.status === 'failed' ? runOf('missing') : null,
    );
    assert.equal(run!.exit_code, 127);
    const job = await getCronJobByExternalId(db, 'host', 'missing');
    assert.equal(job!.schedule, '', 'a job no crontab names is created unscheduled');
  });

  test('the database down: the run waits in the spool and is imported once a bridge reads it', async () => {
    await spool.stop();
    const { code, stderr } = await exec(['--job', 'db-down', '--', 'sh', '-c', 'echo kept'], {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
    });
    assert.equal(code, 0);
    assert.match(stderr, /kept in the spool/);
    assert.equal(readdirSync(spoolDir).length, 1);
    spool = new ExecSpoolSource({ db, spoolDir, logger });
    await spool.start();
    const run = await until('imported', async () =>
      (await runOf('db-down'))?.status === 'completed' ? runOf('db-down') : null,
    );
    assert.deepEqual(
      (await listAgentLogs(db, { runId: run!.id })).map((l) => l.message),
      ['kept'],
    );
  });

  test('with DATABASE_URL the wrapper records the run itself and leaves no spool file', async (t) => {
    const url = get().url;
    if (!url) return t.skip('Postgres only: the embedded database has one writer, the studio');
    await spool.stop();
    try {
      const { code } = await exec(['--job', 'direct', '--', 'sh', '-c', 'echo one; echo two >&2'], {
        DATABASE_URL: url,
      });
      assert.equal(code, 0);
      assert.deepEqual(readdirSync(spoolDir), []);
      const run = await runOf('direct');
      assert.equal(run?.status, 'completed');
      assert.deepEqual(
        (await listAgentLogs(db, { runId: run!.id })).map((l) => l.message),
        ['one', 'two'],
      );
    } finally {
      spool = new ExecSpoolSource({ db, spoolDir, logger });
      await spool.start();
    }
  });

  test('a bridge restarted mid-file continues at its checkpoint; a wrapper that died leaves a failed run with its output', async () => {
    // a spool file as a wrapper leaves it when killed: a start, lines, a half-written last line. The "wrapper"
    // is a process of ours, alive while the bridge restarts, killed before the bridge's second start.
    const wrapper = spawn('sleep', ['60'], { stdio: 'ignore' });
    const runId = '3f0c1a8e-8c1e-4c3e-9a55-0d5f2b7f0c11';
    const file = join(spoolDir, `${runId}.jsonl`);
    const at = new Date().toISOString();
    const line = (seq: number) => `${JSON.stringify({ t: 'out', seq, stream: 'stdout', text: `line ${seq}`, at })}\n`;
    await spool.stop();
    writeFileSync(
      file,
      `${JSON.stringify({ t: 'start', runId, job: 'killed', command: 'long-job', startedAt: at, pid: wrapper.pid, trigger: 'scheduled', triggeredBy: null })}\n${line(0)}${line(1)}`,
    );
    spool = new ExecSpoolSource({ db, spoolDir, logger });
    await spool.start();
    const job = await until('the run', () => getCronJobByExternalId(db, 'host', 'killed'));
    await until(
      'two lines',
      async () =>
        (await listAgentLogs(db, { runId: (await getCronRunByExternalId(db, job.id, runId))!.id })).length === 2,
    );
    await spool.stop();
    appendFileSync(file, `${line(2)}not json\n{"t":"out","seq":3,"str`);
    wrapper.kill('SIGKILL');
    await new Promise((r) => wrapper.once('exit', r));
    spool = new ExecSpoolSource({ db, spoolDir, logger });
    await spool.start();
    const run = await until('marked failed', async () => {
      const r = await getCronRunByExternalId(db, job.id, runId);
      return r?.status === 'failed' ? r : null;
    });
    assert.match(run.error!, /stopped before the command finished/);
    assert.deepEqual(
      (await listAgentLogs(db, { runId: run.id })).map((l) => l.message),
      ['line 0', 'line 1', 'line 2'],
      'no line lost, none twice',
    );
    assert.ok(warnings.some((w) => /not a spool record/.test(w)));
    assert.equal(existsSync(file), false);
  });

  test('Run now on a host job runs its crontab command through exec, as cron would (its variables), trigger manual', async () => {
    const job = (await getCronJobByExternalId(db, 'host', 'greet'))!;
    const cmd = await enqueueCommand(db, 'cron.run', { jobId: job.id, triggerType: 'manual' });
    const result = (await runCronJob(
      { db, gateway: null, logger, hostCron: { execCommand: CLI, spoolDir } },
      { jobId: job.id, triggerType: 'manual' },
      cmd,
    )) as { runId: string };
    assert.ok(result.runId);
    const run = await until('the manual run finished', async () =>
      (await getCronRun(db, result.runId))?.status === 'completed' ? getCronRun(db, result.runId) : null,
    );
    assert.equal(run!.trigger_type, 'manual');
    assert.equal(run!.exit_code, 0);
    assert.deepEqual(
      (await listAgentLogs(db, { runId: run!.id })).map((l) => l.message),
      ['hello from cron'],
    );
  });

  test('bridges of two gateways on one machine: the host cron is the first one’s, imported under its gateway only; a bridge of that gateway takes it once the holder is gone', async () => {
    const machine = join(dir, 'machine-2');
    const spoolDir2 = join(machine, 'spool');
    mkdirSync(machine);
    writeFileSync(join(machine, 'crontab'), '0 4 * * * agent-studio exec --job nightly -- true\n');
    const [alpha, beta] = [await createGateway(db, 'hc-alpha'), await createGateway(db, 'hc-beta')];
    const told: string[] = [];
    const log = { ...logger, info: (m: string) => told.push(m) };
    const hostCron = { crontabs: [join(machine, 'crontab')], spoolDir: spoolDir2 };
    const bridgeOf = (gatewayId: string) => new HostCron({ db, gatewayId, logger: log, hostCron, askAgainMs: 50 });
    const jobOf = (name: string, gatewayId: string) => getCronJobByExternalId(db, 'host', name, gatewayId);
    const ran = async (job: string, env: Record<string, string> = {}) => {
      const r = await exec(['--job', job, '--', 'true'], { STUDIO_SPOOL_DIR: spoolDir2, ...env });
      assert.equal(r.code, 0, r.stderr);
    };
    const first = bridgeOf(alpha.id);
    const other = bridgeOf(beta.id);
    let next: HostCron | null = null;
    try {
      await first.start();
      await other.start();
      assert.ok(first.spool && first.crontabs, 'the first bridge imports it');
      assert.equal(other.spool ?? other.crontabs, null, 'the other gateway’s leaves it');
      assert.ok(
        told.some((m) => m.includes("is gateway hc-alpha's")),
        told.join('\n'),
      );
      await until('the crontab’s job, alpha’s', () => jobOf('nightly', alpha.id));
      await ran('hc-spooled');
      await until('the spooled run, alpha’s', () => jobOf('hc-spooled', alpha.id));
      if (get().url) {
        // the wrapper writing straight to the database names the same gateway (it was the default's)
        await ran('hc-direct', { DATABASE_URL: get().url! });
        assert.ok(await jobOf('hc-direct', alpha.id), 'recorded under alpha');
      }
      for (const job of ['nightly', 'hc-spooled', 'hc-direct']) assert.equal(await jobOf(job, beta.id), null, job);

      // alpha's bridge stops: the machine stays alpha's; a bridge of alpha takes it, one of beta does not
      await first.stop();
      const afterStop = bridgeOf(beta.id);
      await afterStop.start();
      assert.equal(afterStop.spool, null);
      await afterStop.stop();
      // another live process holds it for alpha (as a standby's holder would): alpha's next bridge waits for it
      const holder = spawn('sleep', ['600'], { stdio: 'ignore' });
      writeFileSync(hostCronOwnerFile(spoolDir2), `${holder.pid} ${alpha.id}`);
      next = bridgeOf(alpha.id);
      await next.start();
      assert.equal(next.spool, null, 'not while the holder lives');
      assert.ok(told.some((m) => m.includes(`another bridge of this gateway (process ${holder.pid})`)));
      holder.kill('SIGKILL');
      await until('the holder gone, alpha’s next bridge imports', async () => next!.spool !== null);
      await ran('hc-after');
      await until('its run, alpha’s', () => jobOf('hc-after', alpha.id));
      assert.equal(await jobOf('hc-after', beta.id), null);
    } finally {
      await first.stop();
      await other.stop();
      await next?.stop();
    }
  });
});
