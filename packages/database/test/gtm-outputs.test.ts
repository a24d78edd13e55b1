// GTM outputs read from files: the disk never overwrites a studio edit, saves are revision-checked, status
// moves only along the workflow, and search ranks titles first.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { Actor } from '@agent-studio/core';
import { describeEachDriver } from './kit/testing';
import {
  RevisionConflictError,
  claimDueScheduledOutputs,
  getGtmRevision,
  listGtmRevisions,
  TransitionError,
  getGtmOutput,
  listGtmOutputs,
  msUntilNextScheduledOutput,
  updateGtmOutput,
  upsertGtmOutputFromFile,
  type GtmFileInput,
} from '../src/index';
import { eventMark, payloadsOf, types } from './helpers';

const file = (path: string, md: string, over: Partial<GtmFileInput> = {}): GtmFileInput => ({
  sourceFilePath: path,
  title: 'Launch post',
  contentType: 'blog_post',
  tags: ['launch'],
  priority: 5,
  contentMd: md,
  contentHtml: `<p>${md}</p>`,
  fileHash: createHash('sha256').update(md).digest('hex'),
  ...over,
});
const newPath = () => `gtm/blog/${randomUUID()}.md`;
const owner: Actor = { kind: 'owner', id: null, name: 'owner' };

describeEachDriver('gtm outputs', (get) => {
  test('a file is created, then unchanged, then changed', async () => {
    const { db } = get();
    const path = newPath();
    const mark = await eventMark(db);

    const created = await upsertGtmOutputFromFile(db, file(path, 'first draft'));
    assert.deepEqual(
      [created.created, created.changed, created.row.status, created.row.revision],
      [true, true, 'draft', 1],
    );

    const same = await upsertGtmOutputFromFile(db, file(path, 'first draft'));
    assert.deepEqual([same.created, same.changed, same.row.id], [false, false, created.row.id]);

    const changed = await upsertGtmOutputFromFile(db, file(path, 'second draft', { title: 'Launch post, v2' }));
    assert.deepEqual([changed.created, changed.changed], [false, true]);
    assert.equal(changed.row.content_md, 'second draft');
    assert.equal(changed.row.title, 'Launch post, v2');
    assert.equal(changed.row.revision, 2);
    assert.equal(changed.row.disk_md, null);

    assert.deepEqual(types(await mark.since(['gtm:queue'])), ['gtm.output.created', 'gtm.output.updated']);
  });

  test('after a studio edit, a new disk version is kept beside it, not over it', async () => {
    const { db } = get();
    const path = newPath();
    const { row } = await upsertGtmOutputFromFile(db, file(path, 'from the agent'));
    const edited = await updateGtmOutput(db, row.id, {
      contentMd: 'edited by the owner',
      contentHtml: '<p>edited by the owner</p>',
      expectedRevision: 1,
      actor: owner,
    });
    assert.equal(edited?.revision, 2);
    assert.ok(edited?.edited_at instanceof Date);

    const disk = await upsertGtmOutputFromFile(db, file(path, 'the agent rewrote it'));
    assert.equal(disk.changed, true);
    assert.equal(disk.row.content_md, 'edited by the owner');
    assert.equal(disk.row.content_html, '<p>edited by the owner</p>');
    assert.equal(disk.row.disk_md, 'the agent rewrote it');
    assert.equal(disk.row.revision, 2, 'the content the owner sees did not change');
  });

  test('a save made on a stale revision is refused', async () => {
    const { db } = get();
    const { row } = await upsertGtmOutputFromFile(db, file(newPath(), 'v1'));
    await updateGtmOutput(db, row.id, { contentMd: 'saved in tab A', expectedRevision: 1, actor: owner });
    await assert.rejects(
      updateGtmOutput(db, row.id, { contentMd: 'saved in tab B', expectedRevision: 1, actor: owner }),
      (err) => err instanceof RevisionConflictError && err.code === 'REVISION_CONFLICT' && err.current.revision === 2,
    );
    assert.equal((await getGtmOutput(db, row.id))?.content_md, 'saved in tab A');
  });

  test('status moves only along the workflow', async () => {
    const { db } = get();
    const { row } = await upsertGtmOutputFromFile(db, file(newPath(), 'draft'));
    await assert.rejects(updateGtmOutput(db, row.id, { status: 'published', actor: owner }), TransitionError);

    const approved = await updateGtmOutput(db, row.id, { status: 'approved', actor: owner });
    assert.equal(approved?.status, 'approved');
    assert.ok(approved?.reviewed_at instanceof Date);
    const published = await updateGtmOutput(db, row.id, {
      status: 'published',
      publishedUrl: 'https://example.com/launch',
      actor: owner,
    });
    assert.ok(published?.published_at instanceof Date);

    await assert.rejects(
      updateGtmOutput(db, row.id, { status: 'draft', actor: owner }),
      (err) => err instanceof TransitionError && err.code === 'INVALID_TRANSITION',
    );
    assert.equal((await getGtmOutput(db, row.id))?.status, 'published');
    assert.equal(await updateGtmOutput(db, randomUUID(), { status: 'approved', actor: owner }), null);
  });

  test('search ranks a title match above a body-only match and marks the words found', async () => {
    const { db } = get();
    const inTitle = await upsertGtmOutputFromFile(
      db,
      file(newPath(), 'A note about the quarter.', { title: 'Zeppelin pricing update', tags: [] }),
    );
    const inBody = await upsertGtmOutputFromFile(
      db,
      file(newPath(), 'We compared every zeppelin vendor on price and support.', { title: 'Vendor review', tags: [] }),
    );
    await upsertGtmOutputFromFile(db, file(newPath(), 'Nothing to see here.', { title: 'Unrelated' }));

    const { rows, total } = await listGtmOutputs(db, { search: 'zeppelin' });
    assert.equal(total, 2);
    assert.deepEqual(
      rows.map((r) => r.id),
      [inTitle.row.id, inBody.row.id],
    );
    assert.ok(rows[0]!.rank! > rows[1]!.rank!);
    assert.match(rows[1]!.headline ?? '', /<mark>zeppelin<\/mark>/);
  });

  test('every kept text is a revision naming its author; the disk version waits for the owner', async () => {
    const { db } = get();
    const path = newPath();
    const { row } = await upsertGtmOutputFromFile(db, file(path, 'v1 from disk'));
    await updateGtmOutput(db, row.id, { contentMd: 'v2 by the owner', expectedRevision: 1, actor: owner });
    const disk = await upsertGtmOutputFromFile(db, file(path, 'disk rewrote it'));
    assert.equal(disk.row.disk_md, 'disk rewrote it');
    // a later save does not drop the disk's version: only the owner's choice does
    const saved = await updateGtmOutput(db, row.id, {
      contentMd: 'v3 by the owner',
      expectedRevision: 2,
      actor: owner,
    });
    assert.equal(saved?.disk_md, 'disk rewrote it');
    const resolved = await updateGtmOutput(db, row.id, {
      contentMd: 'v3 by the owner\n\ndisk rewrote it',
      expectedRevision: 3,
      resolveDisk: true,
      actor: owner,
    });
    assert.equal(resolved?.disk_md, null);

    const history = await listGtmRevisions(db, row.id);
    assert.deepEqual(
      history.map((r) => [r.revision, r.author_kind]),
      [
        [4, 'owner'],
        [3, 'owner'],
        [2, 'owner'],
        [1, 'disk'],
      ],
    );
    assert.equal(history[3]!.author_name, path);
    assert.equal((await getGtmRevision(db, row.id, 1))?.content_md, 'v1 from disk');
    assert.equal(await getGtmRevision(db, row.id, 9), null);
  });

  test('a due approved item is claimed once, even by two schedulers at the same moment', async () => {
    const { db } = get();
    const { row } = await upsertGtmOutputFromFile(db, file(newPath(), 'scheduled'));
    const future = await upsertGtmOutputFromFile(db, file(newPath(), 'later'));
    const past = new Date(Date.now() - 1000);
    const mark = await eventMark(db);
    await updateGtmOutput(db, row.id, {
      status: 'approved',
      scheduledFor: past,
      scheduledUrl: 'https://example.com/s',
      actor: owner,
    });
    await updateGtmOutput(db, future.row.id, {
      status: 'approved',
      scheduledFor: new Date(Date.now() + 3_600_000),
      scheduledUrl: 'https://example.com/l',
      actor: owner,
    });
    assert.deepEqual(
      payloadsOf(await mark.since(['gtm:queue']), 'gtm.output.scheduled').map((p) => [p.outputId, p.url, p.actor.kind]),
      [
        [row.id, 'https://example.com/s', 'owner'],
        [future.row.id, 'https://example.com/l', 'owner'],
      ],
    );

    assert.ok((await msUntilNextScheduledOutput(db))! <= 0, 'one is due');
    const [a, b] = await Promise.all([
      db.transaction((tx) => claimDueScheduledOutputs(tx)),
      db.transaction((tx) => claimDueScheduledOutputs(tx)),
    ]);
    const mine = [...a!, ...b!].filter((c) => c.outputId === row.id);
    assert.equal(mine.length, 1);
    const nextMs = (await msUntilNextScheduledOutput(db))!;
    assert.ok(
      nextMs > 3_500_000 && nextMs <= 3_600_000,
      `the claimed one no longer counts: the next is due in ${nextMs} ms`,
    );
    assert.ok(![...a!, ...b!].some((c) => c.outputId === future.row.id), 'not due yet');
    assert.equal((await getGtmOutput(db, row.id))?.publish_command_id, mine[0]!.commandId);
    assert.deepEqual(
      await db.transaction((tx) => claimDueScheduledOutputs(tx)).then((c) => c.filter((x) => x.outputId === row.id)),
      [],
    );

    // rescheduling arms it again
    await updateGtmOutput(db, row.id, { scheduledFor: past, actor: owner });
    const again = await db.transaction((tx) => claimDueScheduledOutputs(tx));
    assert.equal(again.filter((c) => c.outputId === row.id).length, 1);
  });
});
