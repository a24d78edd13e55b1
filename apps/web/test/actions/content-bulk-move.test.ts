// moveContent: many items approved or archived, each on its own: a refused one holds back none.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import { moveContent } from '@/server/actions/content-bulk-move';
import { contentItem, refusal, useActions } from './setup';

describeEachDriver('content-bulk-move', (get) => {
  const { studio, owner } = useActions(get);

  test('approves the drafts, says why the others were not moved', async () => {
    const draft = await contentItem(studio().db);
    const published = await contentItem(studio().db);
    await studio().db.query(`update gtm_outputs set status = 'published' where id = $1`, [published]);
    const gone = randomUUID();
    const results = await moveContent(await owner(), { ids: [draft, published, gone, draft], action: 'approve' });
    assert.deepEqual(
      results.map((r) => [r.id, r.ok, r.status]),
      [
        [draft, true, 'approved'],
        [published, false, null],
        [gone, false, null],
      ],
    );
    assert.match(results[2]!.error!, /no longer exists/);
    await refusal(moveContent(await owner(), { ids: [], action: 'approve' }), 'invalid_request');
  });
});
