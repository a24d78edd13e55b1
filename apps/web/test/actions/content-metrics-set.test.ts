// setContentFigures: performance figures for published content only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import { setContentFigures } from '@/server/actions/content-metrics-set';
import { contentItem, refusal, useActions } from './setup';

describeEachDriver('content-metrics-set', (get) => {
  const { studio } = useActions(get);

  test('a draft has no figures; a published item keeps the ones sent, beside those it had', async () => {
    const id = await contentItem(studio().db, 'x', 'Launch post');
    const err = await refusal(setContentFigures(id, { views: 10 }), 'not_published');
    assert.match(err.message, /Launch post.*draft/);
    await studio().db.query(`update gtm_outputs set status = 'published' where id = $1`, [id]);
    await setContentFigures(id, { views: 10 });
    const row = await setContentFigures(id, { clicks: 2 });
    assert.deepEqual({ views: row.metrics.views, clicks: row.metrics.clicks }, { views: 10, clicks: 2 });
    await refusal(setContentFigures(id, {}), 'invalid_request');
  });
});
