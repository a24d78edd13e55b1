// restoreContent: an old revision's text becomes a new revision; a stale base or an unknown revision is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import { restoreContent } from '@/server/actions/content-restore';
import { updateContent } from '@/server/actions/content-update';
import { contentItem, refusal, useActions } from './setup';

describeEachDriver('content-restore', (get) => {
  const { studio, owner } = useActions(get);

  test('restores revision 1 as revision 3; the history only grows', async () => {
    const id = await contentItem(studio().db, 'original');
    await updateContent(await owner(), id, { content_md: 'rewritten', baseRevision: 1 });
    const restored = await restoreContent(await owner(), id, 1, { baseRevision: 2 });
    assert.equal(restored.content_md, 'original');
    assert.equal(restored.revision, 3);
    await refusal(restoreContent(await owner(), id, 1, { baseRevision: 2 }), 'revision_conflict');
    await refusal(restoreContent(await owner(), id, 99, { baseRevision: 3 }), 'not_found');
  });
});
