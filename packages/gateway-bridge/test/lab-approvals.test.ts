// A REAL OpenClaw gateway (the lab) whose exec tool asks for approval on every command (`tools.exec.ask:
// 'always'`), mirrored by the bridge into the inbox: an approval appears while the run waits; answered in the
// studio (an `approval.resolve` command, as the inbox queues it), Allow lets the run finish with the command's
// output and Deny fails the command, as the gateway's own `cron.runs` say; an approval asked or answered while
// the bridge is stopped is in (or out of) the inbox once it is back.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  enqueueCommand,
  getApproval,
  getCommand,
  getCronJobByExternalId,
  listCronRuns,
  listPendingApprovals,
  type ApprovalRow,
  type Db,
} from '@agent-studio/database';
import { describeDriver } from '@agent-studio/database/testing';
import type { Bridge } from '../src/bridge';
import type { GatewayClient } from '../src/gateway/client';
import { startOperator } from './kit/operator';
import { LabWatch } from './lab/bridge-on-lab';
import { startLab, type Lab } from './lab/gateway';

interface RunEntry {
  status?: string;
  summary?: string;
  error?: string;
}

describeDriver('pglite', 'OpenClaw exec approvals answered from the studio (real gateway)', (get) => {
  let db: Db;
  let lab: Lab;
  let op: GatewayClient;
  let bridge: Bridge | null = null;
  let dir: string;
  const watch = new LabWatch(() => lab, { logTail: 30 });
  const until = watch.until;

  async function launchBridge() {
    bridge = await watch.startBridge(db, lab, dir, 'lab-approvals');
  }

  /** The pending approval whose command carries `marker`. */
  const pendingFor = (marker: string) =>
    until(`an approval for ${marker} in the inbox`, async () =>
      (await listPendingApprovals(db)).find((a) => a.title.includes(marker)),
    );

  async function answer(a: ApprovalRow, decision: 'allow-once' | 'deny') {
    const cmd = await enqueueCommand(db, 'approval.resolve', { approvalId: a.id, decision });
    const done = await until('the answer executed', async () => {
      const c = await getCommand(db, cmd.id);
      return (c?.status === 'succeeded' || c?.status === 'failed') && c;
    });
    assert.equal(done.status, 'succeeded', done.error ?? '');
  }

  /** A job whose agent runs `echo <marker>` through the exec tool; forced now. */
  async function forceExecJob(marker: string) {
    lab.mock.script({ when: marker, reply: { tool: 'exec', args: { command: `echo out-${marker}` } } });
    const added = await op.request<{ id: string }>('cron.add', {
      name: `exec ${marker}`,
      schedule: { kind: 'every', everyMs: 3_600_000 },
      sessionTarget: 'isolated',
      wakeMode: 'now',
      payload: { kind: 'agentTurn', message: `Run the command ${marker}`, timeoutSeconds: 300 },
      delivery: { mode: 'none' },
    });
    await op.request('cron.run', { id: added.id, mode: 'force' });
    return added.id;
  }

  /** The job's finished run as the gateway reports it. */
  const gatewayRun = (ocId: string) =>
    until(`the gateway's run of ${ocId}`, async () => {
      const page = await op.request<{ entries?: RunEntry[] }>('cron.runs', { id: ocId, limit: 5 });
      return page.entries?.find((e) => e.status && e.status !== 'running');
    });

  before(async () => {
    db = get().db;
    dir = mkdtempSync(join(tmpdir(), 'studio-lab-approvals-'));
    lab = await startLab({ config: { tools: { exec: { host: 'gateway', security: 'full', ask: 'always' } } } });
    op = startOperator(lab, join(dir, 'operator'), '0.0.0-lab');
    await until('the test operator connected', async () => op.connected);
    await launchBridge();
  });

  after(async () => {
    await bridge?.stop().catch(() => {});
    await op?.stop().catch(() => {});
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('Allow in the studio: the waiting run runs the command and finishes with its output', async () => {
    const marker = `LAB-ALLOW-${randomUUID().slice(0, 8)}`;
    const ocId = await forceExecJob(marker);
    const a = await pendingFor(marker);
    assert.equal(a.kind, 'exec');
    assert.equal(a.title, `echo out-${marker}`);
    assert.equal(a.agent_id, 'main');
    assert.match(a.session_key ?? '', new RegExp(`^agent:main:cron:${ocId}`));
    assert.ok(a.expires_at && a.expires_at.getTime() > Date.now(), 'it says when it expires');
    assert.ok(a.allowed_decisions.includes('allow-once') && a.allowed_decisions.includes('deny'));
    // the gateway still waits on it: the run has not finished
    assert.equal(
      (await op.request<{ entries?: RunEntry[] }>('cron.runs', { id: ocId, limit: 5 })).entries?.length ?? 0,
      0,
    );

    await answer(a, 'allow-once');
    assert.equal((await getApproval(db, a.id))?.status, 'allowed');
    assert.ok(!(await listPendingApprovals(db)).some((p) => p.id === a.id), 'it left the inbox');
    const run = await gatewayRun(ocId);
    assert.equal(run.status, 'ok', JSON.stringify(run));
    assert.match(run.summary ?? '', new RegExp(`MOCK_DONE after tool exec: out-${marker}`));
    // and the studio's mirror of the run agrees
    const job = await until('the job mirrored', () => getCronJobByExternalId(db, 'openclaw', ocId));
    const mirrored = await until('the run mirrored finished', async () =>
      (await listCronRuns(db, { jobId: job.id, limit: 5 })).rows.find((r) => r.status !== 'running'),
    );
    assert.equal(mirrored.status, 'completed');
  });

  test('Deny in the studio: the command is refused and the run reports the denial', async () => {
    const marker = `LAB-DENY-${randomUUID().slice(0, 8)}`;
    const ocId = await forceExecJob(marker);
    const a = await pendingFor(marker);
    await answer(a, 'deny');
    assert.equal((await getApproval(db, a.id))?.status, 'denied');
    const run = await gatewayRun(ocId);
    assert.match(`${run.summary ?? ''} ${run.error ?? ''}`, /Exec denied/, JSON.stringify(run));
    assert.doesNotMatch(run.summary ?? '', new RegExp(`after tool exec: out-${marker}`));
  });

  test('answered elsewhere: the approval leaves the inbox, with who answered', async () => {
    const marker = `LAB-ELSEWHERE-${randomUUID().slice(0, 8)}`;
    lab.mock.script({ when: marker, reply: { tool: 'exec', args: { command: `echo out-${marker}` } } });
    await op.request('chat.send', {
      sessionKey: `agent:main:${marker.toLowerCase()}`,
      message: marker,
      idempotencyKey: randomUUID(),
    });
    const a = await pendingFor(marker);
    await op.request('exec.approval.resolve', { id: a.external_id, decision: 'deny' });
    const settled = await until('the answer mirrored', async () => {
      const row = await getApproval(db, a.id);
      return row?.status !== 'pending' && row;
    });
    assert.equal(settled.status, 'denied');
    assert.equal(settled.decision, 'deny');
  });

  test('over a bridge restart: an approval asked meanwhile comes in, one answered meanwhile goes', async () => {
    const before = `LAB-BEFORE-${randomUUID().slice(0, 8)}`;
    const during = `LAB-DURING-${randomUUID().slice(0, 8)}`;
    for (const m of [before, during])
      lab.mock.script({ when: m, reply: { tool: 'exec', args: { command: `echo out-${m}` } } });
    await op.request('chat.send', {
      sessionKey: `agent:main:${before.toLowerCase()}`,
      message: before,
      idempotencyKey: randomUUID(),
    });
    const earlier = await pendingFor(before);

    await bridge!.stop();
    bridge = null;
    await op.request('exec.approval.resolve', { id: earlier.external_id, decision: 'deny' });
    await op.request('chat.send', {
      sessionKey: `agent:main:${during.toLowerCase()}`,
      message: during,
      idempotencyKey: randomUUID(),
    });
    await until('the gateway to ask for the second approval', async () =>
      (await op.request<{ request?: { command?: string } }[]>('exec.approval.list', {})).some((x) =>
        x.request?.command?.includes(during),
      ),
    );
    assert.equal((await getApproval(db, earlier.id))?.status, 'pending', 'the studio could not know yet');

    await launchBridge();
    const came = await pendingFor(during);
    assert.equal(came.title, `echo out-${during}`);
    const gone = await until('the earlier approval ended', async () => {
      const row = await getApproval(db, earlier.id);
      return row?.status !== 'pending' && row;
    });
    assert.equal(gone.status, 'expired');
    // and it can still be answered from the studio after the restart
    await answer(came, 'allow-once');
  });
  test('a plugin approval (plugin.approval.request) is in the inbox with what OpenClaw offers, and answered “always allow”', async () => {
    const title = `Post the weekly summary ${randomUUID().slice(0, 6)}`;
    const accepted = await op.request<{ id?: string; status?: string }>('plugin.approval.request', {
      pluginId: 'lab-poster',
      title,
      description: 'Posts to #general in the team Slack.',
      severity: 'warning',
      toolName: 'slack_post',
      agentId: 'main',
      sessionKey: 'agent:main:main',
      timeoutMs: 300_000,
      twoPhase: true,
    });
    assert.equal(accepted.status, 'accepted', JSON.stringify(accepted));
    const a = await pendingFor(title);
    assert.equal(a.kind, 'plugin');
    assert.equal(a.external_id, accepted.id);
    assert.equal(a.description, 'Posts to #general in the team Slack.');
    // OpenClaw offers "always allow" on a plugin approval unless the plugin says otherwise: answered so
    assert.deepEqual(a.allowed_decisions, ['allow-once', 'allow-always', 'deny']);
    const decision = 'allow-always';
    const cmd = await enqueueCommand(db, 'approval.resolve', { approvalId: a.id, decision });
    const done = await until('the plugin answer executed', async () => {
      const c = await getCommand(db, cmd.id);
      return (c?.status === 'succeeded' || c?.status === 'failed') && c;
    });
    assert.equal(done.status, 'succeeded', done.error ?? '');
    assert.equal((await getApproval(db, a.id))?.decision, decision);
    const left = await op.request<{ id: string }[]>('plugin.approval.list', {});
    assert.ok(!left.some((x) => x.id === accepted.id), 'the gateway no longer waits on it');
  });
});
