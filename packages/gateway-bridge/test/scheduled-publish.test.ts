// Scheduled publishing across a bridge restart at the due moment: each item is published at or after its time
// (never before), with its URL, and exactly one "published" event is written for it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import type { Actor } from '@agent-studio/core';
import { describeEachDriver, until } from '@agent-studio/database/testing';
import {
  claimDueScheduledOutputs,
  getGtmOutput,
  latestEventId,
  listEventsSince,
  updateGtmOutput,
  upsertGtmOutputFromFile,
  type Db,
} from '@agent-studio/database';
import type { Bridge } from '../src/bridge';
import { bridgeOnSimulator } from './sim-bridge';
import { GatewaySimulator } from '../src/simulator/gateway-simulator';

const owner: Actor = { kind: 'owner', id: null, name: 'owner' };

describeEachDriver('scheduled publishing', (get) => {
  let sim: GatewaySimulator;
  let dir: string;
  let db: Db;
  let bridge: Bridge | null = null;
  const start = async () => (bridge = await bridgeOnSimulator(db, sim, dir, 'sched-test'));

  before(async () => {
    db = get().db;
    dir = mkdtempSync(join(tmpdir(), 'studio-sched-'));
    sim = new GatewaySimulator('test-token');
    await sim.start();
  });
  after(async () => {
    await bridge?.stop();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const scheduled = async (title: string, at: Date) => {
    const { row } = await upsertGtmOutputFromFile(db, {
      sourceFilePath: `/gtm/${randomUUID()}.md`,
      title,
      contentType: 'blog',
      tags: [],
      priority: 5,
      contentMd: title,
      contentHtml: title,
      fileHash: randomUUID(),
    });
    await db.transaction((tx) =>
      updateGtmOutput(tx, row.id, {
        status: 'approved',
        scheduledFor: at,
        scheduledUrl: `https://example.com/${row.id}`,
        actor: owner,
      }),
    );
    return row.id;
  };

  test('due items publish once each, not before their time, with the bridge restarted at the due moment', async () => {
    await start();
    const mark = await latestEventId(db);
    const due = new Date(Date.now() + 2_000);
    const first = await scheduled('due as the bridge stops', due);
    const second = await scheduled('due while the bridge is down', new Date(due.getTime() + 300));
    const notYet = await scheduled('tomorrow', new Date(Date.now() + 86_400_000));

    await sleep(due.getTime() - Date.now() + 50);
    await bridge!.stop();
    bridge = null;
    await sleep(400);
    await start();

    for (const id of [first, second]) {
      const row = await until(`${id} published`, async () => {
        const r = await getGtmOutput(db, id);
        return r?.status === 'published' && r;
      });
      assert.equal(row.published_url, `https://example.com/${id}`);
      const late = row.published_at!.getTime() - row.scheduled_for!.getTime();
      // how soon after is a figure for a bench, not a limit here: a busy machine is late, not wrong
      assert.ok(late >= 0, `published ${late} ms before its time`);
    }
    // another restart: nothing is due any more, whoever asks (the restarted bridge's first pass, or this claim)
    await bridge!.stop();
    await start();
    assert.deepEqual(await db.transaction((tx) => claimDueScheduledOutputs(tx)), []);
    const published = (await listEventsSince(db, { afterId: mark, channels: ['gtm:queue'] }))
      .filter((e) => e.type === 'gtm.output.status_changed' && (e.payload as { status: string }).status === 'published')
      .map((e) => e.payload as { outputId: string; actor?: Actor });
    assert.deepEqual(
      published.map((p) => p.outputId).sort(),
      [first, second].sort(),
      'exactly one published event per item',
    );
    assert.ok(published.every((p) => p.actor?.kind === 'scheduler'));
    const commands = await db.query<{ id: string }>(
      `select payload->>'outputId' as id from commands where kind = 'gtm.publish' and payload->>'outputId' = any($1)`,
      [[first, second]],
    );
    assert.deepEqual(commands.map((c) => c.id).sort(), [first, second].sort(), 'one publish command per item');
    assert.equal((await getGtmOutput(db, notYet))?.status, 'approved');
  });
});
