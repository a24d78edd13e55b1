// Live events (live-events.ts): a cron event carries its job and run in one transaction, a removal marks the
// job removed, and a record that cannot be read is skipped (handleAll says so) without holding back the others.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_GATEWAY_ID, getCronJobByExternalId, listCronRuns } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import type { GatewayEvent } from '../../src/gateway/client';
import { silentLogger as quiet } from '../../src/logger';
import { ChatLines } from '../../src/mirror/chat-lines';
import { LiveEvents } from '../../src/mirror/live-events';
import { LiveMarks } from '../../src/mirror/live-order';
import { SOURCE } from '../../src/mirror/translate';
import { frame } from '../recorded-gateway';

describeEachDriver('live events', (get) => {
  const live = () => {
    const marks = new LiveMarks();
    return new LiveEvents(
      get().db,
      quiet,
      marks,
      new ChatLines(get().db, quiet, marks, DEFAULT_GATEWAY_ID),
      DEFAULT_GATEWAY_ID,
    );
  };

  test('a finished run arrives with its job; a removal marks the job removed', async () => {
    const { db } = get();
    const payload = frame<{ jobId: string }>('cron-finished-disabled-by-operator').payload!;
    const finished: GatewayEvent = { event: 'cron', payload };
    const jobId = payload.jobId;
    assert.equal(await live().handleAll([finished]), true);
    const job = (await getCronJobByExternalId(db, SOURCE, jobId))!;
    assert.equal(job.enabled, false);
    const runs = await listCronRuns(db, { jobId: job.id });
    assert.deepEqual(
      runs.rows.map((r) => r.status),
      ['cancelled'],
    );
    assert.equal(await live().handleAll([{ event: 'cron', payload: { jobId, action: 'removed' } }]), true);
    assert.ok((await getCronJobByExternalId(db, SOURCE, jobId))?.removed_at);
  });

  test('an unreadable record is skipped and reported; the events around it are written', async () => {
    const { db } = get();
    const { job } = frame<{ job: { id: string } }>('cron-finished-disabled-by-operator').payload!;
    const renamed = { ...job, id: 'a0a0a0a0-0000-4000-8000-000000000001', name: 'renamed live' };
    const ok = await live().handleAll([
      { event: 'cron', payload: { action: 'updated' } },
      { event: 'cron', payload: { jobId: renamed.id, action: 'updated', job: renamed } },
      { event: 'agent', payload: { stream: 'lifecycle' } },
    ]);
    assert.equal(ok, false);
    assert.equal((await getCronJobByExternalId(db, SOURCE, renamed.id))?.name, 'renamed live');
  });
});
