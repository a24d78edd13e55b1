// The GTM folder is agent-written and untrusted: links out of it, binary files, oversized files and broken front
// matter are refused or read safely, one at a time, without stopping the files after them.
import assert from 'node:assert/strict';
import { closeSync, linkSync, mkdirSync, openSync, symlinkSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { getGtmOutput, latestEventId, listEventsSince, listGtmOutputs } from '@agent-studio/database';
import { describeEachDriver, until } from '@agent-studio/database/testing';
import { GtmFolderSource } from '../src/sources/gtm-folder';
import { useGtmFolder, warningsInto } from './gtm-source';

describeEachDriver('GTM folder, hostile files', (get) => {
  const folder = useGtmFolder(get, { prefix: 'studio-gtm-', gtm: 'workspace/gtm', subfolders: ['blog'] });

  before(() => {
    // beside the GTM folder: what links out of it point at
    const { dir } = folder();
    mkdirSync(join(dir, 'secrets'));
    writeFileSync(join(dir, 'secrets/keys.md'), '# API keys\n\nsk-live-123\n');
  });

  test('files written into a new folder the moment it is made all arrive (chokidar alone can miss some)', async () => {
    const { db, gtmDir } = folder();
    const burst = join(gtmDir, 'burst', 'deeper');
    mkdirSync(burst, { recursive: true });
    // spread over the moments chokidar scans the new folders and starts watching them
    for (let i = 0; i < 40; i++) {
      writeFileSync(join(burst, `post-${i}.md`), `# Burst ${i}\n`);
      await new Promise((r) => setTimeout(r, i % 4));
    }
    await until(
      'all 40',
      async () =>
        (await listGtmOutputs(db, { limit: 200 })).rows.filter((o) => o.title.startsWith('Burst ')).length === 40,
    );
  });

  test('links pointing outside the folder (file or directory, or through ..) are never read', async () => {
    const { db, dir, gtmDir, source, warnings } = folder();
    symlinkSync(join(dir, 'secrets/keys.md'), join(gtmDir, 'blog/innocent.md'));
    symlinkSync(join(dir, 'secrets'), join(gtmDir, 'linked-dir'));
    symlinkSync('../../secrets/keys.md', join(gtmDir, 'blog/relative.md'));
    writeFileSync(join(gtmDir, 'blog/after-links.md'), '# After the links\n');
    await until('the good file', async () =>
      (await listGtmOutputs(db, {})).rows.some((o) => o.title === 'After the links'),
    );
    await source.idle();
    const all = (await listGtmOutputs(db, { limit: 200 })).rows;
    assert.ok(!all.some((o) => o.content_md?.includes('sk-live')), 'a secret outside the folder was imported');
    // the file and directory links are refused beside the good file's import, so their warnings may come later
    // (the relative link dangles, and chokidar drops it without a word)
    await until(
      'the links refused with a warning',
      async () => warnings.filter((w) => /outside the folder/.test(w)).length >= 2,
    );
  });

  test('a hard link to a file outside the folder is refused too (realpath cannot tell it apart)', async () => {
    const { db, dir, gtmDir, source, warnings } = folder();
    writeFileSync(join(dir, 'secrets/tokens.md'), '# Tokens\n\nsk-hard-456\n');
    linkSync(join(dir, 'secrets/tokens.md'), join(gtmDir, 'blog/hard.md'));
    writeFileSync(join(gtmDir, 'blog/after-hard-link.md'), '# After the hard link\n');
    await until('the good file', async () =>
      (await listGtmOutputs(db, {})).rows.some((o) => o.title === 'After the hard link'),
    );
    await source.idle();
    assert.ok(
      !(await listGtmOutputs(db, { limit: 200 })).rows.some((o) => o.content_md?.includes('sk-hard')),
      'a hard-linked secret was imported',
    );
    assert.ok(
      warnings.some((w) => /hard\.md has another hard link/.test(w)),
      warnings.join('\n'),
    );
  });

  test('a file half-written when the bridge starts is imported once, complete', async () => {
    const { db, dir, warnings } = folder();
    const dir2 = join(dir, 'workspace2/gtm');
    mkdirSync(join(dir2, 'blog'), { recursive: true });
    const path = join(dir2, 'blog/growing.md');
    const fd = openSync(path, 'w');
    writeSync(fd, '---\ntitle: Growing post\n---\n# Growing post\n\nfirst part\n');
    const mark = await latestEventId(db);
    const late = new GtmFolderSource({
      db,
      gtmDir: dir2,
      logger: warningsInto(warnings),
    });
    try {
      // the agent goes on writing for a while after the bridge has started and seen the file
      const starting = late.start();
      for (let i = 0; i < 8; i++) {
        await new Promise((r) => setTimeout(r, 60));
        writeSync(fd, `more text ${i}\n`);
      }
      writeSync(fd, 'THE END\n');
      closeSync(fd);
      await starting;
      const row = await until('the grown file', async () =>
        (await listGtmOutputs(db, {})).rows.find((o) => o.source_file_path === path),
      );
      await late.idle();
      await new Promise((r) => setTimeout(r, 300)); // a late 'change' would show now
      await late.idle();
      assert.match((await getGtmOutput(db, row.id))!.content_md ?? '', /more text 7\nTHE END\n$/);
      const events = (await listEventsSince(db, { afterId: mark, limit: 1000 })).filter(
        (e) => (e.payload as { outputId?: string }).outputId === row.id,
      );
      assert.deepEqual(
        events.map((e) => e.type),
        ['gtm.output.created'],
        'read once, when the write had finished: no partial version first',
      );
    } finally {
      await late.stop();
    }
  });

  test('binary and oversized files are refused with a warning; the next file still arrives', async () => {
    const { db, gtmDir, source, warnings } = folder();
    writeFileSync(join(gtmDir, 'blog/binary.md'), Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02, 0xff]));
    writeFileSync(join(gtmDir, 'blog/huge.md'), `# Huge\n\n${'x'.repeat(50 * 1024 * 1024)}`); // 50 MB, ten times the limit
    writeFileSync(join(gtmDir, 'blog/fine.md'), '# Fine\n\nok\n');
    await until('the fine file', async () => (await listGtmOutputs(db, {})).rows.some((o) => o.title === 'Fine'));
    await source.idle();
    const titles = (await listGtmOutputs(db, { limit: 200 })).rows.map((o) => o.title);
    assert.ok(!titles.includes('Huge'));
    assert.ok(!titles.some((t) => t.startsWith('Binary')), titles.join());
    assert.ok(warnings.some((w) => /not text/.test(w)));
    assert.ok(warnings.some((w) => /MB limit/.test(w)));
  });

  test('broken front matter is read as plain markdown; a deleted file archives its row', async () => {
    const { db, gtmDir, warnings } = folder();
    writeFileSync(
      join(gtmDir, 'blog/broken.md'),
      '---\ntitle: [unclosed\ntags: {\n---\n# Broken but readable\n\ntext\n',
    );
    const row = await until('broken file imported', async () =>
      (await listGtmOutputs(db, {})).rows.find((o) => o.title === 'Broken but readable'),
    );
    assert.ok(warnings.some((w) => /front matter/.test(w)));
    unlinkSync(join(gtmDir, 'blog/broken.md'));
    await until('archived', async () =>
      (await listGtmOutputs(db, { status: 'archived' })).rows.some((o) => o.id === row.id),
    );
  });
});
