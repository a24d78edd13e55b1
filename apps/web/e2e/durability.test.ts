// The studio killed with SIGKILL in the middle of writes: its PGlite folder opens again, and every row it had
// committed (every event a client had already received) is there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listEventsSince } from '@agent-studio/database';
import { openPglite } from '@agent-studio/database/drivers/pglite';
import { startDemoStudio } from './harness';

test('SIGKILL during writes loses no committed row and leaves a folder that opens', async () => {
  const studio = await startDemoStudio();
  try {
    // follow the event stream: an event a client received was committed
    const res = await studio.fetch('/api/events?channels=cron:all,agents:all,gtm:queue,system');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const seen: string[] = [];
    let buffer = '';
    while (seen.length < 15) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (const m of buffer.matchAll(/^id: (\d+)$/gm)) if (!seen.includes(m[1]!)) seen.push(m[1]!);
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
    }
    assert.ok(seen.length >= 15, 'the demo was writing');
    await studio.kill(); // mid-activity: the demo writes several times a second

    const db = await openPglite(studio.dataDir); // takes over the dead process's lock
    try {
      const stored = new Set(
        (await listEventsSince(db, { afterId: String(BigInt(seen[0]!) - 1n), limit: 100_000 })).map((e) => e.id),
      );
      const lost = seen.filter((id) => !stored.has(id));
      assert.deepEqual(lost, [], 'every event a client saw is still stored');
      const [{ n }] = (await db.query<{ n: number }>('select count(*)::int as n from cron_runs')) as [{ n: number }];
      assert.ok(n > 100, 'the mirrored history is intact');
    } finally {
      await db.close();
    }
  } finally {
    studio.remove();
  }
});
