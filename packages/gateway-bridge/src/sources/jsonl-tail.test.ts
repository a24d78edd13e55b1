import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readNewLines, type TailCheckpoint } from './jsonl-tail';

const dir = mkdtempSync(join(tmpdir(), 'studio-tail-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Every complete line, read in chunks of at most `maxBytes` from the checkpoint on. */
async function readAll(path: string, from: TailCheckpoint | null, maxBytes: number) {
  const texts: string[] = [];
  let cp = from;
  for (;;) {
    const r = (await readNewLines(path, cp, maxBytes))!;
    texts.push(...r.lines.map((l) => l.text));
    cp = r.checkpoint;
    if (!r.more) return { texts, cp };
  }
}

test('small reads: lines split across chunks, a line longer than a chunk, multi-byte text, a half line left', async () => {
  const path = join(dir, 'a.jsonl');
  const long = 'x'.repeat(100);
  writeFileSync(path, `one\nzwei – drei ✓\n${long}\nfour\nhal`);
  const { texts, cp } = await readAll(path, null, 16);
  assert.deepEqual(texts, ['one', 'zwei – drei ✓', long, 'four']);
  appendFileSync(path, 'f\n');
  assert.deepEqual((await readAll(path, cp, 16)).texts, ['half']);
});

test('a missing file is null; a shrunk file is read again from the start', async () => {
  assert.equal(await readNewLines(join(dir, 'none.jsonl'), null), null);
  const path = join(dir, 'b.jsonl');
  writeFileSync(path, 'a\nb\n');
  const first = (await readNewLines(path, null))!;
  writeFileSync(path, 'c\n');
  const again = (await readNewLines(path, first.checkpoint))!;
  assert.equal(again.restarted, true);
  assert.deepEqual(
    again.lines.map((l) => l.text),
    ['c'],
  );
});
