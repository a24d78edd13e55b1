// publishContent: approved content is published through the bridge; anything else is refused and recorded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getGtmOutput } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { publishContent } from '@/server/actions/content-publish';
import { updateContent } from '@/server/actions/content-update';
import { contentItem, lastActivity, refusal, until, useActions } from './setup';

describeEachDriver('content-publish', (get) => {
  const { studio, owner } = useActions(get);

  test('a draft is refused (recorded); approved, it is published at its URL', async () => {
    const id = await contentItem(studio().db);
    const err = await refusal(
      publishContent(await owner(), id, { url: 'https://example.com/post' }),
      'invalid_transition',
    );
    assert.match(err.message, /approve it first/);
    assert.equal((await lastActivity(studio().db, 'gtm.publish'))?.outcome, 'failed');

    await updateContent(await owner(), id, { status: 'approved' });
    await publishContent(await owner(), id, { url: 'https://example.com/post' });
    const row = await until('published', async () => {
      const r = await getGtmOutput(studio().db, id);
      return r?.status === 'published' && r;
    });
    assert.equal(row.published_url, 'https://example.com/post');
  });
});
