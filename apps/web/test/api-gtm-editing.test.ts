// Editing content through the API: revision-checked saves (409 with the current text), who saved what,
// the disk's version kept until the owner chooses, history and restore, scheduling, and bulk moves.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { StudioEvent } from '@agent-studio/core';
import { hashToken } from '@agent-studio/core/secrets';
import { createApiToken, getGtmOutput, latestEventId, listActivity, listEventsSince } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import * as itemRoute from '@/app/api/gtm/outputs/[id]/route';
import * as revisionsRoute from '@/app/api/gtm/outputs/[id]/revisions/route';
import * as revisionRoute from '@/app/api/gtm/outputs/[id]/revisions/[revision]/route';
import * as restoreRoute from '@/app/api/gtm/outputs/[id]/revisions/[revision]/restore/route';
import * as bulkRoute from '@/app/api/gtm/outputs/bulk/route';
import { call, contentItem, until, useStudio } from './fixture';

describeEachDriver('content editing API', (get) => {
  const studio = useStudio(get);

  const item = (md: string, title = 'Item') => contentItem(studio().db, md, title);
  const save = (id: string, content_md: string, baseRevision: number, extra: Record<string, unknown> = {}) =>
    call(itemRoute.PATCH, 'PATCH', '/x', { params: { id }, body: { content_md, baseRevision, ...extra } });
  const eventsAfter = async (mark: string) => listEventsSince(studio().db, { afterId: mark, channels: ['gtm:queue'] });
  const actorOf = (e: StudioEvent) => (e.payload as { actor?: { kind: string; name: string } }).actor;

  test('a save on the current revision is kept as a revision by the owner; two saves on one base: the second gets 409 and the current text', async () => {
    const id = await item('first');
    const mark = await latestEventId(studio().db);
    const a = await save(id, 'tab A typed this', 1);
    assert.equal(a.status, 200);
    assert.equal(a.json.output.revision, 2);
    assert.equal(a.json.output.contentMd, 'tab A typed this');
    const b = await save(id, 'tab B typed that', 1);
    assert.equal(b.status, 409);
    assert.equal(b.json.error.code, 'revision_conflict');
    assert.equal(b.json.error.current.contentMd, 'tab A typed this');
    assert.equal(b.json.error.current.revision, 2);
    // the editor asks which text to keep: a warning in the audit log, not a failure (no toast, no red bell)
    const { rows } = await listActivity(studio().db, { limit: 1 });
    assert.deepEqual([rows[0]?.action, rows[0]?.outcome], ['gtm.edit', 'warned']);
    // the second tab merges by hand and saves on the revision it now knows
    const merged = await save(id, 'tab A typed this\ntab B typed that', 2);
    assert.equal(merged.json.output.revision, 3);

    const events = (await eventsAfter(mark)).filter((e) => e.type === 'gtm.output.updated');
    assert.deepEqual(
      events.map((e) => [(e.payload as { revision: number }).revision, actorOf(e)?.kind]),
      [
        [2, 'owner'],
        [3, 'owner'],
      ],
    );

    const missingBase = await call(itemRoute.PATCH, 'PATCH', '/x', { params: { id }, body: { content_md: 'no base' } });
    assert.equal(missingBase.status, 400);
    assert.equal(missingBase.json.error.details.issues[0].field, 'baseRevision');
    assert.equal(
      (await call(itemRoute.PATCH, 'PATCH', '/x', { params: { id }, body: { priority: 3 }, anonymous: true })).status,
      401,
    );
  });

  test('history lists who saved what; a revision reads back; restore makes a new revision and says so', async () => {
    const id = await item('one');
    await save(id, 'two', 1);
    const secret = `ast_${randomUUID()}`;
    await createApiToken(studio().db, {
      name: 'ci-bot',
      tokenHash: hashToken(secret),
      scopes: ['read', 'control'],
      createdBy: null,
    });
    const byToken = await call(itemRoute.PATCH, 'PATCH', '/x', {
      params: { id },
      body: { content_md: 'three', baseRevision: 2 },
      anonymous: true,
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(byToken.status, 200);

    const list = await call(revisionsRoute.GET, 'GET', '/x', { params: { id } });
    assert.deepEqual(
      list.json.revisions.map((r: { revision: number; author: { kind: string; name: string } }) => [
        r.revision,
        r.author.kind,
      ]),
      [
        [3, 'token'],
        [2, 'owner'],
        [1, 'disk'],
      ],
    );
    assert.equal(list.json.revisions[0].author.name, 'ci-bot');
    const one = await call(revisionRoute.GET, 'GET', '/x', { params: { id, revision: '1' } });
    assert.equal(one.json.revision.contentMd, 'one');
    assert.equal((await call(revisionRoute.GET, 'GET', '/x', { params: { id, revision: '9' } })).status, 404);
    assert.equal((await call(revisionsRoute.GET, 'GET', '/x', { params: { id: randomUUID() } })).status, 404);

    const mark = await latestEventId(studio().db);
    const stale = await call(restoreRoute.POST, 'POST', '/x', {
      params: { id, revision: '1' },
      body: { baseRevision: 2 },
    });
    assert.equal(stale.status, 409, 'a restore on a stale view is refused like a save');
    const restored = await call(restoreRoute.POST, 'POST', '/x', {
      params: { id, revision: '1' },
      body: { baseRevision: 3 },
    });
    assert.equal(restored.status, 200);
    assert.equal(restored.json.output.contentMd, 'one');
    assert.equal(restored.json.output.revision, 4);
    const after = await call(revisionsRoute.GET, 'GET', '/x', { params: { id } });
    assert.deepEqual(after.json.revisions[0], { ...after.json.revisions[0], revision: 4, restoredFrom: 1 });
    const events = await eventsAfter(mark);
    assert.deepEqual(
      events.map((e) => e.type),
      ['gtm.output.restored'],
    );
    assert.equal(actorOf(events[0]!)?.kind, 'owner');
    assert.equal(
      (await call(restoreRoute.POST, 'POST', '/x', { params: { id, revision: '7' }, body: { baseRevision: 4 } }))
        .status,
      404,
    );
  });

  test('a newer file on disk waits beside the studio edit, survives later saves, and goes when the owner chooses', async () => {
    const { gtmDir, db } = studio();
    const path = join(gtmDir, `disk-${randomUUID()}.md`);
    writeFileSync(path, '# Disk\n\nfrom the agent\n');
    const row = await until(
      'imported',
      async () =>
        (await call(itemRoute.GET, 'GET', '/x', { params: { id: (await findByPath(path)) ?? randomUUID() } })).json
          ?.output,
    );
    const edited = await save(row.id, '# Disk\n\nowner edit', row.revision);
    assert.equal(edited.status, 200);
    writeFileSync(path, '# Disk\n\nthe agent rewrote it\n');
    const withDisk = await until('disk version', async () => (await getGtmOutput(db, row.id))?.disk_md);
    assert.match(withDisk, /the agent rewrote it/);
    const again = await save(row.id, '# Disk\n\nowner edit, more', edited.json.output.revision);
    assert.match(again.json.output.diskMd, /the agent rewrote it/, 'autosave does not throw the disk version away');
    const chosen = await save(
      row.id,
      '# Disk\n\nowner edit, more\n\nthe agent rewrote it',
      again.json.output.revision,
      { resolveDisk: true },
    );
    assert.equal(chosen.json.output.diskMd, null);
    const keepMine = await call(itemRoute.PATCH, 'PATCH', '/x', {
      params: { id: row.id },
      body: { resolveDisk: true, baseRevision: chosen.json.output.revision },
    });
    assert.equal(keepMine.status, 200);

    async function findByPath(p: string) {
      const [r] = await db.query<{ id: string }>('select id from gtm_outputs where source_file_path = $1', [p]);
      return r?.id;
    }
  });

  test('scheduling needs the URL it will go out at, and is recorded with its author', async () => {
    const id = await item('soon');
    const when = new Date(Date.now() + 3_600_000).toISOString();
    const noUrl = await call(itemRoute.PATCH, 'PATCH', '/x', { params: { id }, body: { scheduledFor: when } });
    assert.equal(noUrl.status, 400);
    assert.equal(noUrl.json.error.details.issues[0].field, 'scheduledUrl');
    const mark = await latestEventId(studio().db);
    const ok = await call(itemRoute.PATCH, 'PATCH', '/x', {
      params: { id },
      body: { scheduledFor: when, scheduledUrl: 'https://example.com/soon' },
    });
    assert.equal(ok.json.output.scheduledUrl, 'https://example.com/soon');
    const cleared = await call(itemRoute.PATCH, 'PATCH', '/x', { params: { id }, body: { scheduledFor: null } });
    assert.equal(cleared.json.output.scheduledUrl, null);
    const events = (await eventsAfter(mark)).map(
      (e) => e.payload as { scheduledFor: string | null; actor: { kind: string } },
    );
    assert.deepEqual(
      events.map((p) => [p.scheduledFor, p.actor.kind]),
      [
        [when, 'owner'],
        [null, 'owner'],
      ],
    );
  });

  test('bulk approve moves what may move and says why the rest could not', async () => {
    const draft = await item('a draft', 'Bulk draft');
    const review = await item('in review', 'Bulk review');
    const published = await item('out already', 'Bulk published');
    await call(itemRoute.PATCH, 'PATCH', '/x', { params: { id: published }, body: { status: 'approved' } });
    await studio().db.query(`update gtm_outputs set status = 'published' where id = $1`, [published]);
    const gone = randomUUID();
    const mark = await latestEventId(studio().db);

    const res = await call(bulkRoute.POST, 'POST', '/x', {
      body: { ids: [draft, review, published, gone], action: 'approve' },
    });
    assert.equal(res.status, 200);
    const byId = Object.fromEntries(res.json.results.map((r: { id: string }) => [r.id, r]));
    assert.deepEqual([byId[draft].ok, byId[draft].status], [true, 'approved']);
    assert.deepEqual([byId[review].ok, byId[review].status], [true, 'approved']);
    assert.equal(byId[published].ok, false);
    assert.match(byId[published].error, /cannot move from published to approved/);
    assert.deepEqual([byId[gone].ok, byId[gone].error], [false, 'This item no longer exists.']);
    const events = (await eventsAfter(mark)).filter((e) => e.type === 'gtm.output.status_changed');
    assert.deepEqual(
      events.map((e) => [(e.payload as { outputId: string }).outputId, actorOf(e)?.kind]).sort(),
      [
        [draft, 'owner'],
        [review, 'owner'],
      ].sort(),
    );

    const archived = await call(bulkRoute.POST, 'POST', '/x', { body: { ids: [draft, published], action: 'archive' } });
    assert.deepEqual(
      archived.json.results.map((r: { ok: boolean }) => r.ok),
      [true, true],
    );
    for (const body of [
      { ids: [], action: 'approve' },
      { ids: [draft], action: 'publish' },
      { ids: ['nope'], action: 'archive' },
    ]) {
      assert.equal((await call(bulkRoute.POST, 'POST', '/x', { body })).status, 400, JSON.stringify(body));
    }
  });
});
