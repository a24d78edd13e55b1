// updateContent: the studio's own workflow data, changed directly and recorded (a stale save is 'warned').
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getGtmOutput } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { updateContent } from '@/server/actions/content-update';
import { contentItem, lastActivity, refusal, useActions } from './setup';

describeEachDriver('content-update', (get) => {
  const { studio, owner } = useActions(get);

  test('a save on the current revision is kept; a second save on the same base is a revision_conflict with the current text', async () => {
    const id = await contentItem(studio().db);
    const saved = await updateContent(await owner(), id, { contentMd: 'second', baseRevision: 1 });
    assert.equal(saved.content_md, 'second');
    const err = await refusal(
      updateContent(await owner(), id, { content_md: 'third', baseRevision: 1 }),
      'revision_conflict',
    );
    assert.equal((err.extra?.current as { contentMd: string }).contentMd, 'second');
    assert.equal((await lastActivity(studio().db, 'gtm.edit'))?.outcome, 'warned');
    // the seed's content_md is accepted as well, once
    assert.equal(
      (await updateContent(await owner(), id, { content_md: 'third', baseRevision: 2 })).content_md,
      'third',
    );
    await refusal(
      updateContent(await owner(), id, { contentMd: 'x', content_md: 'y', baseRevision: 3 }),
      'invalid_request',
    );
  });

  test('a move the workflow does not allow is refused with the allowed ones, and recorded as failed', async () => {
    const id = await contentItem(studio().db);
    const err = await refusal(updateContent(await owner(), id, { status: 'published' }), 'invalid_transition');
    assert.ok((err.extra?.allowed as string[]).includes('approved'));
    assert.equal((await getGtmOutput(studio().db, id))?.status, 'draft');
    assert.deepEqual(
      [
        (await lastActivity(studio().db, 'gtm.status'))?.outcome,
        (await lastActivity(studio().db, 'gtm.status'))?.detail,
      ],
      ['failed', { from: 'draft', to: 'published' }],
    );
    await refusal(updateContent(await owner(), '00000000-0000-4000-8000-000000000000', { priority: 1 }), 'not_found');
  });
});
