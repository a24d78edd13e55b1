// addWebhook: a webhook with its signing secret; a private address only with the owner's explicit leave.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import { addWebhook } from '@/server/actions/webhook-create';
import { lastActivity, refusal, useActions } from './setup';

describeEachDriver('webhook-create', (get) => {
  const { studio, owner } = useActions(get);

  test('creates the webhook once per event type, with a secret of its own', async () => {
    const { webhook, secret } = await addWebhook(await owner(), {
      name: 'Failures',
      url: 'https://hooks.example.com/x',
      eventTypes: ['job.failed', 'job.failed', 'agent.errored'],
    });
    assert.deepEqual(webhook.event_types, ['job.failed', 'agent.errored']);
    assert.match(secret, /^whsec_/);
    const entry = await lastActivity(studio().db, 'webhook.create');
    assert.deepEqual([entry?.outcome, entry?.actor_kind, entry?.target_label], ['succeeded', 'owner', 'Failures']);
    assert.notEqual(
      (await addWebhook(await owner(), { name: 'B', url: 'https://b.example.com', eventTypes: ['job.failed'] })).secret,
      secret,
    );
  });

  test('a loopback address without leave, or a URL that is not http, is refused', async () => {
    await refusal(
      addWebhook(await owner(), { name: 'L', url: 'http://127.0.0.1:9/x', eventTypes: ['job.failed'] }),
      'invalid_request',
    );
    const err = await refusal(
      addWebhook(await owner(), { name: 'F', url: 'ftp://example.com', eventTypes: ['job.failed'] }),
      'invalid_request',
    );
    assert.match(err.message, /url/);
  });
});
