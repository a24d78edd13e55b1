// The content queue's pages (issue 21): keyset cursors give every item exactly once, in the order the whole
// list has (ties on time broken by id, rows sharing a millisecond included); a search lists title matches
// first, then the rest, newest first or by priority; the total is exact, "at least" or the planner's estimate.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { describeEachDriver } from './kit/testing';
import {
  GTM_COUNT_LIMIT,
  InvalidCursorError,
  listGtmContentTypes,
  listGtmOutputs,
  type GtmListParams,
  type Queryable,
} from '../src/index';

/** `n` items: a third share one timestamp (to the microsecond), priorities 1-4, every 3rd mentions "zeppelin" (every 7th in its title). */
async function seed(db: Queryable, n: number, from = 1) {
  await db.query(
    `insert into gtm_outputs (title, content_type, status, priority, content_md, source_file_path, created_at)
     select case when g % 7 = 0 then 'Zeppelin notes ' || g else 'Item ' || g end, (array['blog_post','social'])[1 + g % 2],
            (array['draft','pending_review'])[1 + g % 2], 1 + g % 4,
            'Text of item ' || g || case when g % 3 = 0 then ', where a zeppelin flies by.' else '.' end, '/t/' || g || '.md',
            case when g % 3 = 0 then '2026-01-01T00:00:00.123456Z'::timestamptz else '2026-01-01'::timestamptz + make_interval(secs => g) + interval '0.000789 s' end
       from generate_series($2::int, $2::int + $1 - 1) g`,
    [n, from],
  );
}

async function allPages(db: Queryable, params: GtmListParams) {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await listGtmOutputs(db, { ...params, cursor });
    ids.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) return { ids, pages: pages + 1 };
    cursor = page.nextCursor;
  }
  throw new Error('more than 100 pages');
}

const ids = async (db: Queryable, sql: string) => (await db.query<{ id: string }>(sql)).map((r) => r.id);

describeEachDriver('content list pages', (get) => {
  beforeEach(() => get().db.query('delete from gtm_outputs'));

  test('cursor pages give every item once, in the whole list order, for each sort and filter', async () => {
    const { db } = get();
    await seed(db, 60);
    const cases: [GtmListParams, string][] = [
      [{}, 'order by created_at desc, id desc'],
      [{ sort: 'priority' }, 'order by priority desc, created_at desc, id desc'],
      [{ status: 'pending_review' }, `where status = 'pending_review' order by created_at desc, id desc`],
      [
        { type: 'social', sort: 'priority' },
        `where content_type = 'social' order by priority desc, created_at desc, id desc`,
      ],
    ];
    for (const [params, order] of cases) {
      const expected = await ids(db, `select id from gtm_outputs ${order}`);
      const { ids: got, pages } = await allPages(db, { ...params, limit: 7 });
      assert.deepEqual(got, expected, JSON.stringify(params));
      assert.equal(pages, Math.ceil(expected.length / 7));
    }
  });

  test('a search lists title matches first, then text matches, each in the sort order, every match once', async () => {
    const { db } = get();
    await seed(db, 60);
    for (const sort of ['newest', 'priority'] as const) {
      const by = sort === 'newest' ? 'created_at desc, id desc' : 'priority desc, created_at desc, id desc';
      const expected = await ids(
        db,
        `select id from gtm_outputs where search_vector @@ to_tsquery('english', 'zeppelin')
                                       order by (title ilike '%zeppelin%') desc, ${by}`,
      );
      const { ids: got } = await allPages(db, { search: 'zeppelin', sort, limit: 4 });
      assert.deepEqual(got, expected, sort);
    }
    const first = await listGtmOutputs(db, { search: 'zeppelin', limit: 3 });
    assert.match(first.rows[0]!.title, /^Zeppelin/);
    assert.ok(
      first.rows.every(
        (r) => r.rank! > 0 && /<mark>zeppelin<\/mark>/i.test(r.headline ?? '') === r.content_md!.includes('zeppelin'),
      ),
    );
  });

  test('the content types in use are those a distinct over every item gives, in order', async () => {
    const { db } = get();
    await seed(db, 10);
    await db.query(`update gtm_outputs set content_type = 'newsletter' where title = 'Item 4'`);
    assert.deepEqual(await listGtmContentTypes(db), ['blog_post', 'newsletter', 'social']);
    await db.query('delete from gtm_outputs');
    assert.deepEqual(await listGtmContentTypes(db), []);
  });

  test('a cursor is refused by another order or a search it was not given for', async () => {
    const { db } = get();
    await seed(db, 10);
    const { nextCursor } = await listGtmOutputs(db, { limit: 2 });
    await assert.rejects(listGtmOutputs(db, { cursor: nextCursor!, sort: 'priority' }), InvalidCursorError);
    await assert.rejects(listGtmOutputs(db, { cursor: nextCursor!, search: 'zeppelin' }), InvalidCursorError);
    await assert.rejects(listGtmOutputs(db, { cursor: 'bm9wZQ' }), InvalidCursorError);
  });

  test('the total: exact, at least the limit, or the estimate when many match', async () => {
    const { db } = get();
    await seed(db, 30);
    assert.deepEqual(pick(await listGtmOutputs(db, { search: 'zeppelin', limit: 50 })), [13, 'exact']);
    assert.deepEqual(pick(await listGtmOutputs(db, { search: 'zeppelin', limit: 5 })), [13, 'exact']);
    await seed(db, GTM_COUNT_LIMIT + 200, 1000);
    await db.query('analyze gtm_outputs');
    const many = await listGtmOutputs(db, { limit: 5 });
    assert.equal(many.totalKind, 'estimate');
    assert.ok(many.total > GTM_COUNT_LIMIT, `${many.total}`);
    // the planner expecting few: counted, and the count stops past the limit
    await db.query(
      `update gtm_outputs set content_md = content_md || ' rarewordqq' where id in (select id from gtm_outputs limit 1100)`,
    );
    await db.query('analyze gtm_outputs');
    const counted = await listGtmOutputs(db, { search: 'rarewordqq', limit: 5 });
    assert.ok(['atLeast', 'estimate'].includes(counted.totalKind));
    assert.ok(counted.total >= GTM_COUNT_LIMIT);
  });
});

const pick = (r: { total: number; totalKind: string }) => [r.total, r.totalKind];
