// removeWebhook: gone once; a second time not_found.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getWebhook } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { addWebhook } from '@/server/actions/webhook-create';
import { removeWebhook } from '@/server/actions/webhook-delete';
import { lastActivity, refusal, useActions } from './setup';

describeEachDriver('webhook-delete', (get) => {
  const { studio, owner } = useActions(get);

  test('deletes the webhook', async () => {
    const { webhook } = await addWebhook(await owner(), {
      name: 'A',
      url: 'https://a.example.com',
      eventTypes: ['job.failed'],
    });
    await removeWebhook(await owner(), webhook.id);
    assert.equal(await getWebhook(studio().db, webhook.id), null);
    assert.equal((await lastActivity(studio().db, 'webhook.delete'))?.target_label, 'A');
    await refusal(removeWebhook(await owner(), webhook.id), 'not_found');
  });
});
