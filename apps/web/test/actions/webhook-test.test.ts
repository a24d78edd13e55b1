// testWebhook: queues a test delivery for the bridge to send.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { WEBHOOK_TEST_EVENT } from '@agent-studio/core/webhook-events';
import { describeEachDriver } from '@agent-studio/database/testing';
import { addWebhook } from '@/server/actions/webhook-create';
import { testWebhook } from '@/server/actions/webhook-test';
import { refusal, useActions } from './setup';

describeEachDriver('webhook-test', (get) => {
  const { owner } = useActions(get);

  test('queues a test delivery naming the webhook', async () => {
    const { webhook } = await addWebhook(await owner(), {
      name: 'A',
      url: 'https://a.example.com',
      eventTypes: ['job.failed'],
    });
    const delivery = await testWebhook(await owner(), webhook.id);
    assert.equal(delivery.event_type, WEBHOOK_TEST_EVENT);
    assert.equal((delivery.payload as { webhook: { name: string } }).webhook.name, 'A');
    await refusal(testWebhook(await owner(), randomUUID()), 'not_found');
  });
});
