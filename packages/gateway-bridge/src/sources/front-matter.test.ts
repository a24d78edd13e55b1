// Front matter is agent-written: it is read as YAML data only, whatever its opening line claims, and never run.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseGtmFile } from './gtm-file';
import { MAX_FRONT_MATTER_BYTES, splitFrontMatter } from './front-matter';
import { billionLaughs } from '../../test/hostile-yaml';

test('front matter marked as JavaScript (or anything but YAML) is never run: a clear problem, the text kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'studio-fm-'));
  const marker = join(dir, 'ran');
  try {
    // what gray-matter's javascript engine ran through eval, with require in scope
    const code = `require('child_process').execSync(${JSON.stringify(`touch ${marker}`)}); globalThis.__studioPwned = 1; module.exports = { title: 'Ran' }`;
    for (const open of [
      '---js',
      '---javascript',
      '--- js',
      '---JS',
      '\uFEFF---js',
      '---coffee',
      '---toml',
      '---json',
    ]) {
      const text = `${open}\n${code}\n---\n# Body\n`;
      const parsed = parseGtmFile(dir, join(dir, 'post.md'), text);
      assert.equal(parsed.title, 'Body', open);
      assert.match(parsed.warning ?? '', /is not read \(only YAML is\); imported as plain text/, open);
      assert.equal(parsed.contentMd, text.trimStart(), `${open}: the whole file is kept as its text`);
    }
    assert.equal(existsSync(marker), false, 'front matter was executed');
    assert.equal((globalThis as Record<string, unknown>).__studioPwned, undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('YAML front matter is read as plain data: fields, a BOM, CRLF, "--- yaml", empty', () => {
  assert.deepEqual(splitFrontMatter('---\ntitle: Hello\ntags: [a, b]\n---\n# Body\n'), {
    data: { title: 'Hello', tags: ['a', 'b'] },
    body: '# Body\n',
  });
  assert.deepEqual(splitFrontMatter('\uFEFF--- yaml\r\ntitle: Hi\r\n---\r\nbody'), {
    data: { title: 'Hi' },
    body: 'body',
  });
  assert.deepEqual(splitFrontMatter('---\n---\nbody'), { data: {}, body: 'body' });
  assert.deepEqual(splitFrontMatter('# No front matter\n---\n'), { data: {}, body: '# No front matter\n---\n' });
  // four dashes are a thematic break, not front matter
  assert.deepEqual(splitFrontMatter('----\ntitle: x\n---\n'), { data: {}, body: '----\ntitle: x\n---\n' });
});

test('tags for other languages, aliases past the bound, deep nesting and huge front matter are refused with a reason', () => {
  const cases: [string, RegExp][] = [
    ['title: !!js/function "function () { return 1 }"', /not valid YAML/],
    ['title: !!python/object:os.system ls', /not valid YAML/],
    ['title: !custom x', /not valid YAML/],
    [billionLaughs(), /could not be read \(Excessive alias count/],
    [`title: ${'['.repeat(20_000)}${']'.repeat(20_000)}`, /not valid YAML|could not be read/],
    [`title: x\nbody: "${'x'.repeat(MAX_FRONT_MATTER_BYTES)}"`, /over 64 KB/],
    ['title: a\ntitle: b', /not valid YAML \(Map keys must be unique/],
    ['- a\n- b', /not a list of "key: value" fields/],
    ['title: "unterminated', /not valid YAML/],
  ];
  for (const [yaml, problem] of cases) {
    const text = `---\n${yaml}\n---\n# Fallback\n`;
    const r = splitFrontMatter(text);
    assert.match(r.problem ?? '', problem, yaml.slice(0, 60));
    assert.deepEqual(r.data, {});
    assert.equal(r.body, text);
  }
  assert.match(splitFrontMatter('---\ntitle: never closed\n# Body\n').problem ?? '', /no closing "---" line/);
});

test('prototype keys are data, never the prototype; fields of the wrong shape are ignored, not stringified', () => {
  const text =
    '---\n__proto__: {title: Polluted, polluted: yes}\nconstructor: {prototype: {polluted: yes}}\ntags: {a: 1}\npriority: [7]\n---\n# Real title\n';
  const parsed = parseGtmFile('/gtm', '/gtm/blog/post.md', text);
  assert.equal(parsed.title, 'Real title');
  assert.deepEqual(parsed.tags, []);
  assert.equal(parsed.priority, 5);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(parseGtmFile('/gtm', '/gtm/p.md', '---\ntitle: {nested: [1, 2]}\n---\nx').title, 'P');
  // YAML escapes make control characters, NUL included (Postgres refused the row at every retry)
  const escaped = parseGtmFile('/gtm', '/gtm/p.md', '---\ntitle: "a\\u0000b\\u001bc"\ntags: "x\\u0000, , y"\n---\nx');
  assert.deepEqual([escaped.title, escaped.tags], ['a b c', ['x', 'y']]);
  assert.equal(
    parseGtmFile('/gtm', '/gtm/p.md', `---\ntitle: ${'x'.repeat(400)}\n---\nx`).title,
    'P',
    'an over-long title is not a title',
  );
  assert.equal(
    parseGtmFile(
      '/gtm',
      '/gtm/p.md',
      `---\ntags: [${Array.from({ length: 60 }, (_, i) => `t${i}`).join(', ')}]\n---\nx`,
    ).tags.length,
    0,
  );
});

test('the first heading is found in linear time, whatever the line (a backtracking regex hung on this)', () => {
  const spaces = ' '.repeat(200_000);
  assert.equal(parseGtmFile('/gtm', '/gtm/p.md', `# a${spaces}x\n`).title, `a${spaces}x`.slice(0, 300));
  assert.equal(parseGtmFile('/gtm', '/gtm/p.md', `# Title #\n`).title, 'Title');
  assert.equal(parseGtmFile('/gtm', '/gtm/p.md', `# C#\n`).title, 'C#');
  assert.equal(parseGtmFile('/gtm', '/gtm/p.md', `#${'#'.repeat(200_000)}a\n# Second ##\n`).title, 'Second');
});
