import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildOpenApi, webhookBodies, webhookExamples } from './api';
import {
  boundText,
  studioLink,
  studioPaths,
  WEBHOOK_TEST_EVENT,
  webhookEventFor,
  webhookEventTypes,
} from './webhook-events';
import type { StudioEvent } from './events';

test('an error text is cut to 2,000 characters, from its start or keeping its end, marked where cut', () => {
  assert.equal(boundText(null), null);
  assert.equal(boundText('  \n'), null);
  assert.equal(boundText('short'), 'short');
  const head = boundText(`HEAD${'x'.repeat(3000)}`)!;
  assert.equal(head.length, 2000);
  assert.ok(head.startsWith('HEAD') && head.endsWith('…'));
  const tail = boundText(`${'x'.repeat(3000)}TAIL`, 'end')!;
  assert.equal(tail.length, 2000);
  assert.ok(tail.startsWith('…') && tail.endsWith('TAIL'));
  // a cut through an emoji drops the whole of it rather than leave half a character
  const emoji = boundText(`${'x'.repeat(1998)}😀😀`)!;
  assert.equal(emoji, `${'x'.repeat(1998)}…`);
  assert.equal(boundText(`😀😀${'x'.repeat(1998)}`, 'end'), `…${'x'.repeat(1998)}`);
});

test('links are paths of the studio’s pages, with a full url only when its address is known', () => {
  assert.deepEqual(studioLink(studioPaths.run('r1')), { link: '/cron/runs/r1' });
  assert.deepEqual(studioLink(studioPaths.session('s1'), 'https://studio.example.com/'), {
    link: '/agents/s1',
    url: 'https://studio.example.com/agents/s1',
  });
  assert.deepEqual(studioLink(studioPaths.run('r1'), 'https://example.com/studio'), {
    link: '/cron/runs/r1',
    url: 'https://example.com/studio/cron/runs/r1',
  });
});

test('only a failed run is a job.failed: a cancelled one is not', () => {
  const run = (status: string) =>
    ({
      id: '1',
      channel: 'cron:j',
      type: 'cron.run.completed',
      createdAt: '',
      payload: { jobId: 'j', runId: 'r', status, duration: 1 },
    }) as StudioEvent;
  assert.equal(webhookEventFor(run('failed')), 'job.failed');
  assert.equal(webhookEventFor(run('cancelled')), null);
  assert.equal(webhookEventFor(run('success')), null);
});

interface DocBody {
  schema: { properties: { data: { properties: Record<string, { description?: string }> } } };
  example: unknown;
}

test('the OpenAPI document describes every webhook body, every field of the two failures, with an example that fits', () => {
  const hooks = buildOpenApi('test').webhooks as unknown as Record<
    string,
    { post: { requestBody: { content: { 'application/json': DocBody } } } }
  >;
  assert.deepEqual(Object.keys(hooks).sort(), [...webhookEventTypes, WEBHOOK_TEST_EVENT].sort());
  const doc = (type: string) => hooks[type]!.post.requestBody.content['application/json'];
  for (const [type, schema] of Object.entries(webhookBodies)) {
    const example = webhookExamples[type as keyof typeof webhookExamples];
    assert.deepEqual(schema.parse(example), example, type);
    assert.deepEqual(doc(type).example, example);
  }
  for (const type of ['job.failed', 'agent.errored']) {
    for (const [field, s] of Object.entries(doc(type).schema.properties.data.properties))
      assert.ok(s.description || field === 'status', `${type} ${field} is described`);
  }
  assert.deepEqual(Object.keys(doc('job.failed').schema.properties.data.properties).sort(), [
    'advice',
    'category',
    'duration',
    'error',
    'jobId',
    'jobName',
    'link',
    'outputFiles',
    'runId',
    'status',
    'url',
  ]);
});
