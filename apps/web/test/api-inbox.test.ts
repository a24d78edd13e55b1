// The inbox API on both drivers (route handlers in-process, a real bridge on the gateway simulator): what waits
// is listed with the count; an answer is refused in words when OpenClaw does not offer it, when the approval is
// no longer waiting, or when the gateway lacks the method; acknowledging a failure takes it out; every answer
// is in the audit log. (Approve and Deny against a real gateway: lab-approvals.test.ts and e2e/inbox-lab.)
import './short-claim-timeout';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, test } from 'node:test';
import { NextRequest } from 'next/server';
import { describeEachDriver, testCronJob, testCronRun } from '@agent-studio/database/testing';
import {
  createApprovalLink,
  DEFAULT_GATEWAY_ID,
  listActivity,
  recordApprovalRequested,
  recordApprovalResolved,
  redeemApprovalLinkToken,
  updateGtmOutput,
  upsertCronRun,
  type ApprovalRow,
} from '@agent-studio/database';
import { proxy } from '@/proxy';
import type * as InboxRoute from '@/app/api/inbox/route';
import type * as AnswerRoute from '@/app/api/inbox/approvals/[id]/route';
import type * as AckRoute from '@/app/api/inbox/failures/[kind]/[id]/route';
import type * as AckAllRoute from '@/app/api/inbox/failures/route';
import { ownerCookie } from './credentials';
import { call, contentItem, useStudio } from './fixture';

/** Every row names its gateway; the simulator's is the default one (issue 18). */
const DEFAULT_GATEWAY = { id: DEFAULT_GATEWAY_ID, name: 'default' };

describeEachDriver('inbox API', (get) => {
  const studio = useStudio(get);
  let r: { inbox: typeof InboxRoute; answer: typeof AnswerRoute; ack: typeof AckRoute; ackAll: typeof AckAllRoute };
  let approval: ApprovalRow;

  before(async () => {
    r = {
      inbox: await import('@/app/api/inbox/route'),
      answer: await import('@/app/api/inbox/approvals/[id]/route'),
      ack: await import('@/app/api/inbox/failures/[kind]/[id]/route'),
      ackAll: await import('@/app/api/inbox/failures/route'),
    };
    approval = (await recordApprovalRequested(studio().db, {
      source: 'openclaw',
      externalId: randomUUID(),
      kind: 'exec',
      title: 'git push --force',
      description: '/home/owner/repo',
      agentId: 'main',
      sessionKey: 'agent:main:main',
      allowedDecisions: ['allow-once', 'deny'],
      request: {},
      requestedAt: new Date(),
      expiresAt: new Date(Date.now() + 30 * 60_000),
    }))!;
  });

  test('GET /api/inbox lists a waiting approval with what the owner needs to decide, and counts it', async () => {
    const { status, json } = await call(r.inbox.GET, 'GET', '/api/inbox');
    assert.equal(status, 200);
    const a = json.approvals.find((x: { id: string }) => x.id === approval.id);
    assert.deepEqual(
      { ...a, requestedAt: typeof a.requestedAt, expiresAt: typeof a.expiresAt },
      {
        id: approval.id,
        gateway: DEFAULT_GATEWAY,
        kind: 'exec',
        title: 'git push --force',
        description: '/home/owner/repo',
        agentId: 'main',
        sessionKey: 'agent:main:main',
        sessionId: null,
        allowedDecisions: ['allow-once', 'deny'],
        requestedAt: 'string',
        expiresAt: 'string',
      },
    );
    assert.ok(json.count >= 1);
  });

  test('an alert’s approval link needs the owner signed in first, and is not spent by a visit without it', async () => {
    const { db } = studio();
    const link = await createApprovalLink(db, { approvalId: approval.id, studioUrl: 'http://127.0.0.1:3000' });
    const path = new URL(link.url).pathname;
    const visit = (headers: Record<string, string> = {}) =>
      proxy(new NextRequest(link.url, { headers: { host: '127.0.0.1:3000', ...headers } }));
    const signedOut = await visit();
    assert.equal(signedOut.status, 307);
    const login = new URL(signedOut.headers.get('location')!);
    assert.deepEqual([login.pathname, login.searchParams.get('next')], ['/login', path], 'back to the link after');
    const signedIn = await visit({ cookie: await ownerCookie(db) });
    assert.equal(signedIn.headers.get('x-middleware-next'), '1', 'the owner reaches the page');
    const token = path.split('/').at(-1)!;
    assert.equal(await redeemApprovalLinkToken(db, token), approval.id, 'the page spends it once, then');
    assert.equal(await redeemApprovalLinkToken(db, token), null);
  });

  test('content waiting for review is listed and counted until it is reviewed', async () => {
    const { db } = studio();
    const id = await contentItem(db, 'a launch post', 'Launch post');
    const listed = async () => {
      const { json } = await call(r.inbox.GET, 'GET', '/api/inbox');
      return { count: json.count as number, item: json.content.find((c: { id: string }) => c.id === id) };
    };
    const draft = await listed();
    assert.equal(draft.item, undefined, 'a draft waits on nobody');
    const actor = { kind: 'owner', id: null, name: 'owner' } as const;
    await updateGtmOutput(db, id, { status: 'pending_review', actor });
    const waiting = await listed();
    assert.deepEqual(
      { ...waiting.item, updatedAt: typeof waiting.item?.updatedAt },
      { id, gateway: DEFAULT_GATEWAY, title: 'Launch post', type: 'blog', updatedAt: 'string' },
    );
    assert.equal(waiting.count, draft.count + 1);
    await updateGtmOutput(db, id, { status: 'approved', actor });
    const reviewed = await listed();
    assert.equal(reviewed.item, undefined);
    assert.equal(reviewed.count, draft.count);
  });

  test('an answer OpenClaw does not offer is refused before anything is queued, and recorded', async () => {
    const res = await call(r.answer.POST, 'POST', `/api/inbox/approvals/${approval.id}`, {
      params: { id: approval.id },
      body: { decision: 'allow-always' },
    });
    assert.equal(res.status, 400, JSON.stringify(res.json));
    assert.match(res.json.error.message, /does not offer “always allow”/);
    const bad = await call(r.answer.POST, 'POST', `/api/inbox/approvals/${approval.id}`, {
      params: { id: approval.id },
      body: { decision: 'maybe' },
    });
    assert.equal(bad.status, 400);
    const missing = randomUUID();
    assert.equal(
      (await call(r.answer.POST, 'POST', '/x', { params: { id: missing }, body: { decision: 'deny' } })).status,
      404,
    );
  });

  test('a gateway without approvals (the simulator) fails the answer in words; the audit log has it', async () => {
    const res = await call(r.answer.POST, 'POST', `/api/inbox/approvals/${approval.id}`, {
      params: { id: approval.id },
      body: { decision: 'deny' },
    });
    assert.equal(res.status, 409, JSON.stringify(res.json));
    assert.match(res.json.error.message, /does not offer "approval|exec\.approval\.resolve/);
    const { rows } = await listActivity(studio().db, { action: 'approval.resolve', limit: 10 });
    assert.ok(rows.some((a) => a.target_id === approval.id && a.outcome === 'failed'));
  });

  test('an approval answered elsewhere cannot be answered again: 409 saying so', async () => {
    await recordApprovalResolved(studio().db, {
      source: 'openclaw',
      externalId: approval.external_id,
      decision: 'allow-once',
      resolvedBy: 'telegram',
      at: new Date(),
    });
    const res = await call(r.answer.POST, 'POST', '/x', { params: { id: approval.id }, body: { decision: 'deny' } });
    assert.equal(res.status, 409);
    assert.match(res.json.error.message, /already answered \(allowed by telegram\)/);
    const { json } = await call(r.inbox.GET, 'GET', '/api/inbox');
    assert.ok(!json.approvals.some((x: { id: string }) => x.id === approval.id));
  });

  test('a failed run waits until acknowledged; acknowledging is in the audit log; a good run cannot be', async () => {
    const { db } = studio();
    const job = await testCronJob(db, { name: 'Nightly import', schedule: '0 2 * * *' });
    const failed = await testCronRun(db, job.id, { status: 'failed', agoMs: 60_000, error: 'IMAP login refused' });
    const good = await testCronRun(db, job.id, { status: 'completed', agoMs: 30_000 });
    const before = await call(r.inbox.GET, 'GET', '/api/inbox');
    const item = before.json.failures.find((f: { id: string }) => f.id === failed.id);
    assert.deepEqual(
      { kind: item.kind, name: item.name, jobId: item.jobId, error: item.error },
      { kind: 'cron_run', name: 'Nightly import', jobId: job.id, error: 'IMAP login refused' },
    );
    const ack = await call(r.ack.POST, 'POST', '/x', { params: { kind: 'cron_run', id: failed.id } });
    assert.deepEqual([ack.status, ack.json], [200, { acknowledged: true }]);
    const after = await call(r.inbox.GET, 'GET', '/api/inbox');
    assert.ok(!after.json.failures.some((f: { id: string }) => f.id === failed.id));
    assert.equal(after.json.count, before.json.count - 1);
    const { rows } = await listActivity(db, { action: 'failure.acknowledge', limit: 10 });
    assert.ok(rows.some((a) => a.target_id === failed.id && a.outcome === 'succeeded'));
    assert.equal((await call(r.ack.POST, 'POST', '/x', { params: { kind: 'cron_run', id: good.id } })).status, 409);
    // all at once: what was listed; a run that did not fail is not marked
    const more = (
      await upsertCronRun(db, {
        jobId: job.id,
        externalId: randomUUID(),
        startedAt: new Date(Date.now() - 20_000),
        finishedAt: new Date(),
        status: 'timeout',
      })
    ).row;
    const all = await call(r.ackAll.POST, 'POST', '/api/inbox/failures', {
      body: { items: [more, good, failed].map((x) => ({ kind: 'cron_run', id: x.id })) },
    });
    assert.deepEqual([all.status, all.json], [200, { acknowledged: 1 }]);
    assert.equal((await call(r.ackAll.POST, 'POST', '/api/inbox/failures', { body: { items: [] } })).status, 400);
    assert.equal(
      (await call(r.ack.POST, 'POST', '/x', { params: { kind: 'cron_run', id: randomUUID() } })).status,
      404,
    );
    // a path naming no kind of failure names nothing
    assert.equal((await call(r.ack.POST, 'POST', '/x', { params: { kind: 'job', id: failed.id } })).status, 404);
  });
});
