// The inbox's tables: OpenClaw approvals mirrored (answered here or elsewhere, expired, gone from the gateway),
// one-time approval links, failures acknowledged, and OpenClaw's channels with their state changes.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { describeEachDriver, testCronJob, testCronRun } from './kit/testing';
import {
  acknowledgeFailure,
  acknowledgeFailures,
  countInboxByKind,
  createApprovalLink,
  createApprovalLinkToken,
  expireApprovals,
  getApprovalByExternalId,
  listOpenclawChannels,
  listPendingApprovals,
  listUnacknowledgedFailures,
  recordApprovalRequested,
  recordApprovalResolved,
  recordChannelStates,
  redeemApprovalLinkToken,
  type ApprovalInput,
} from '../src/index';
import { countAll, eventMark, payloadsOf } from './helpers';

const SOURCE = 'openclaw';
const approval = (over: Partial<ApprovalInput> = {}): ApprovalInput => ({
  source: SOURCE,
  externalId: randomUUID(),
  kind: 'exec',
  title: `echo ${randomUUID().slice(0, 6)}`,
  agentId: 'main',
  sessionKey: 'agent:main:main',
  allowedDecisions: ['allow-once', 'deny'],
  request: { host: 'gateway' },
  requestedAt: new Date(),
  expiresAt: new Date(Date.now() + 60_000),
  ...over,
});
const pendingIds = async (db: Parameters<typeof listPendingApprovals>[0]) =>
  (await listPendingApprovals(db)).map((a) => a.external_id);

describeEachDriver('inbox', (get) => {
  test('an approval is pending once (a second report adds nothing), then answered once', async () => {
    const { db } = get();
    const mark = await eventMark(db);
    const a = approval();
    const row = await recordApprovalRequested(db, a);
    assert.ok(row);
    assert.equal(row.status, 'pending');
    assert.deepEqual(row.allowed_decisions, ['allow-once', 'deny']);
    assert.equal(await recordApprovalRequested(db, a), null);
    assert.ok((await pendingIds(db)).includes(a.externalId));

    const done = await recordApprovalResolved(db, {
      source: SOURCE,
      externalId: a.externalId,
      decision: 'deny',
      resolvedBy: 'agent-studio-bridge',
      at: new Date(),
    });
    assert.equal(done?.status, 'denied');
    assert.equal(done?.decision, 'deny');
    // the same answer reported again (the event after the command's own record) changes nothing
    assert.equal(
      await recordApprovalResolved(db, {
        source: SOURCE,
        externalId: a.externalId,
        decision: 'deny',
        resolvedBy: null,
        at: new Date(),
      }),
      null,
    );
    assert.ok(!(await pendingIds(db)).includes(a.externalId));
    assert.deepEqual(
      payloadsOf(await mark.since(), 'approval.updated').map((p) => p.status),
      ['pending', 'denied'],
    );
  });

  test('an approval asked and answered while the bridge was away is recorded answered', async () => {
    const { db } = get();
    const { externalId, source, ...request } = approval();
    const row = await recordApprovalResolved(db, {
      source,
      externalId,
      decision: 'allow-once',
      resolvedBy: 'telegram',
      at: new Date(),
      request,
    });
    assert.equal(row?.status, 'allowed');
    assert.equal((await getApprovalByExternalId(db, SOURCE, externalId))?.resolved_by, 'telegram');
  });

  test('a reconcile ends the pending approvals of its kind the gateway no longer lists, and expired ones', async () => {
    const { db } = get();
    const kept = approval();
    const gone = approval();
    const plugin = approval({ kind: 'plugin', title: 'Plugin wants to post' });
    const late = approval({ expiresAt: new Date(Date.now() - 1000) });
    for (const a of [kept, gone, plugin, late]) await recordApprovalRequested(db, a);
    assert.ok(!(await pendingIds(db)).includes(late.externalId), 'an expired approval is not listed as waiting');
    const ended = await expireApprovals(db, { source: SOURCE, kind: 'exec', listed: [kept.externalId] });
    const endedIds = ended.map((r) => r.external_id);
    assert.ok(endedIds.includes(gone.externalId));
    assert.ok(endedIds.includes(late.externalId));
    assert.ok(!endedIds.includes(kept.externalId));
    assert.ok(!endedIds.includes(plugin.externalId), 'a list of exec approvals says nothing of plugin ones');
    const pending = await pendingIds(db);
    assert.ok(pending.includes(kept.externalId) && pending.includes(plugin.externalId));
    assert.equal((await getApprovalByExternalId(db, SOURCE, gone.externalId))?.status, 'expired');
  });

  test('an approval link works once, and not after it expired', async () => {
    const { db } = get();
    const row = (await recordApprovalRequested(db, approval()))!;
    const { token } = await createApprovalLinkToken(db, row.id, 60_000);
    assert.equal(await redeemApprovalLinkToken(db, `${token}x`), null);
    assert.equal(await redeemApprovalLinkToken(db, token), row.id);
    assert.equal(await redeemApprovalLinkToken(db, token), null);
    const link = await createApprovalLink(db, { approvalId: row.id, studioUrl: 'https://studio.example/' });
    const match = /^https:\/\/studio\.example\/inbox\/a\/([\w-]+)$/.exec(link.url);
    assert.ok(match, link.url);
    assert.equal(await redeemApprovalLinkToken(db, match[1]!), row.id);
    const old = await createApprovalLinkToken(db, row.id, -1);
    assert.equal(await redeemApprovalLinkToken(db, old.token), null);
  });

  test('a failed run is in the inbox until acknowledged; a successful one never', async () => {
    const { db } = get();
    const job = await testCronJob(db, { source: SOURCE, name: 'Inbox job' });
    const since = new Date(Date.now() - 3_600_000);
    const failed = await testCronRun(db, job.id, { status: 'failed', agoMs: 60_000, error: 'boom' });
    await testCronRun(db, job.id, { status: 'completed', agoMs: 30_000 });
    const count = await countAll(db, since);
    const kinds = await countInboxByKind(db, since);
    assert.equal(kinds.approvals + kinds.content + kinds.failures, count, 'the badge is the sum of the kinds');
    const listed = (await listUnacknowledgedFailures(db, { since })).filter((f) => f.job_id === job.id);
    assert.deepEqual(
      listed.map((f) => [f.kind, f.id, f.name, f.error]),
      [['cron_run', failed.id, 'Inbox job', 'boom']],
    );
    assert.equal(await acknowledgeFailure(db, { kind: 'cron_run', id: failed.id }, 'owner'), true);
    assert.equal(await countAll(db, since), count - 1, 'the count follows');
    assert.deepEqual(await countInboxByKind(db, since), { ...kinds, failures: kinds.failures - 1 }, 'a failure’s kind');
    assert.equal(await acknowledgeFailure(db, { kind: 'cron_run', id: failed.id }, 'owner'), false);
    assert.deepEqual(
      (await listUnacknowledgedFailures(db, { since })).filter((f) => f.job_id === job.id),
      [],
    );
    // many at once: only the failed ones count, each once
    const more = await testCronRun(db, job.id, { status: 'timeout', agoMs: 20_000 });
    const fine = await testCronRun(db, job.id, { status: 'completed', agoMs: 10_000 });
    const targets = [failed.id, more.id, fine.id].map((id) => ({ kind: 'cron_run' as const, id }));
    assert.equal(await acknowledgeFailures(db, targets, 'owner'), 1);
    assert.equal(await acknowledgeFailures(db, targets, 'owner'), 0);
  });

  test('an agent session that ended in error is in the inbox until acknowledged; a cron run’s session is not', async () => {
    const { db } = get();
    const since = new Date(Date.now() - 3_600_000);
    const session = async (agentType: string, key: string) =>
      (
        await db.query<{ id: string }>(
          `insert into agent_sessions (agent_name, agent_type, session_key, status, progress_message, completed_at)
           values ('writer', $1, $2, 'error', 'tool crashed', now()) returning id`,
          [agentType, key],
        )
      )[0]!.id;
    const count = await countAll(db, since);
    const failed = await session('agent', `agent:writer:${randomUUID()}`);
    await session('cron', `agent:main:cron:${randomUUID()}`);
    const mine = async () =>
      (await listUnacknowledgedFailures(db, { since })).filter(
        (f) => f.kind === 'agent_session' && f.name === 'writer',
      );
    assert.deepEqual(
      (await mine()).map((f) => [f.id, f.error]),
      [[failed, 'tool crashed']],
    );
    assert.equal(await countAll(db, since), count + 1, 'counted once: the cron run’s session is its run’s failure');
    assert.equal(await acknowledgeFailure(db, { kind: 'agent_session', id: failed }, 'owner'), true);
    assert.deepEqual(await mine(), []);
    assert.equal(await countAll(db, since), count);
  });

  test('channels: a state change is one event; the same state again none; a channel gone is removed', async () => {
    const { db } = get();
    const mark = await eventMark(db);
    const tg = { channel: 'telegram', accountId: 'default', label: 'Telegram', detail: {} };
    const wa = { channel: 'whatsapp', accountId: 'default', label: 'WhatsApp', detail: {} };
    await recordChannelStates(db, SOURCE, [
      { ...tg, state: 'up', error: null },
      { ...wa, state: 'down', error: 'logged out' },
    ]);
    const first = await listOpenclawChannels(db);
    await recordChannelStates(db, SOURCE, [
      { ...tg, state: 'up', error: null },
      { ...wa, state: 'down', error: 'logged out' },
    ]);
    assert.deepEqual(
      (await listOpenclawChannels(db)).map((c) => [c.channel, c.state, c.state_since.getTime()]),
      first.map((c) => [c.channel, c.state, c.state_since.getTime()]),
    );
    const changed = await recordChannelStates(db, SOURCE, [{ ...tg, state: 'down', error: 'bot token revoked' }]);
    assert.deepEqual(
      changed.map((c) => c.channel),
      ['telegram'],
    );
    assert.deepEqual(
      (await listOpenclawChannels(db)).map((c) => [c.channel, c.state, c.error]),
      [['telegram', 'down', 'bot token revoked']],
    );
    assert.deepEqual(
      payloadsOf(await mark.since(), 'openclaw.channel.updated').map((p) => `${p.channel}:${p.state}`),
      ['telegram:up', 'whatsapp:down', 'telegram:down'],
    );
  });
});
