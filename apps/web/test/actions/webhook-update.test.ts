// changeWebhook: checked against its current URL and leave; an unknown webhook is not_found.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import { addWebhook } from '@/server/actions/webhook-create';
import { changeWebhook } from '@/server/actions/webhook-update';
import { lastActivity, refusal, useActions } from './setup';

describeEachDriver('webhook-update', (get) => {
  const { studio, owner } = useActions(get);

  test('renames and re-points it; a private address needs the leave', async () => {
    const { webhook } = await addWebhook(await owner(), {
      name: 'A',
      url: 'https://a.example.com',
      eventTypes: ['job.failed'],
    });
    const changed = await changeWebhook(await owner(), webhook.id, {
      name: 'B',
      eventTypes: ['agent.errored', 'agent.errored'],
    });
    assert.deepEqual([changed.name, changed.event_types], ['B', ['agent.errored']]);
    await refusal(changeWebhook(await owner(), webhook.id, { url: 'http://10.0.0.5/hook' }), 'invalid_request');
    assert.equal((await lastActivity(studio().db, 'webhook.update'))?.target_label, 'A', 'named as it was');
    const private_ = await changeWebhook(await owner(), webhook.id, {
      url: 'http://10.0.0.5/hook',
      allowPrivateNetwork: true,
    });
    assert.equal(private_.allow_private_network, true);
    await refusal(changeWebhook(await owner(), randomUUID(), { name: 'C' }), 'not_found');
  });
});
