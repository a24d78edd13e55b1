// Thousands of generated hostile files written into a watched GTM folder: front matter in every delimiter and
// language, huge and deep YAML, billion-laughs aliases, prototype keys, control characters, invalid UTF-8,
// hostile names. Nothing may run, nothing may crash the watcher, and every file is imported or refused with a
// reason. The generator is seeded: a failure names the seed that reproduces it (STUDIO_FUZZ_SEED).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { describeEachDriver, seeded, until } from '@agent-studio/database/testing';
import { useGtmFolder } from './gtm-source';
import { billionLaughs } from './hostile-yaml';

const FILES = 1000; // per database: 2,000 in all
const SEED = Number(process.env.STUDIO_FUZZ_SEED ?? 20261204);

/** Front matter that, if anything evaluated it, would create `marker` and set a global. */
function payloads(marker: string): string[] {
  const js = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); globalThis.__studioPwned = 1; module.exports = { title: 'ran' }`;
  return [
    js,
    `(function () { ${js} })()`,
    `{ "title": "json" }`,
    `title = "toml"`,
    `title: !!js/function "function () { ${js} }"`,
    `title: !!js/undefined ''`,
    `title: !!js/regexp /(a+)+$/`,
    `title: !!python/object/apply:os.system ["touch ${marker}"]`,
    `title: !<tag:yaml.org,2002:js/function> "function () {}"`,
    billionLaughs(),
    `title: ${'['.repeat(1000)}${']'.repeat(1000)}`,
    Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
    `title: x\nbig: "${'y'.repeat(70_000)}"`,
    `__proto__: {polluted: yes, title: proto}\nconstructor: {prototype: {polluted: yes}}`,
    `title: {__proto__: {polluted: yes}}\ntags: {toString: 1}`,
    `title: ok\ntitle: twice`,
    `title: "\\u0000\\u0001\\u001b[31m\\u2028"\ntags: ["\\u0000", "\\ud800"]`,
    `title: ${'x'.repeat(10_000)}\npriority: 99999999999999999999\nstatus: published`,
    `? [complex, key]\n: value`,
    `title: &t x\nagain: *t\nmissing: *nowhere`,
    `%YAML 1.1\n---\ntitle: directive`,
    `title: "unterminated`,
    `- a list\n- not a map`,
    ``,
  ];
}

const OPENINGS = [
  '---',
  '---js',
  '---javascript',
  '--- js ',
  '---JS',
  '---coffee',
  '---toml',
  '---json',
  '---yaml',
  '--- yml',
  '\uFEFF---js',
  '\uFEFF---',
  '----',
  ';;;',
  '+++',
  '---\r',
];
const CLOSINGS = ['---', '---\r', '...', '--- ', ''];
const BODIES = [
  '# Title\n\nText.\n',
  '<script>globalThis.__studioPwned = 1</script>\n<img src=x onerror=alert(1)>\n',
  '[x](javascript:alert(1)) ![i](https://tracker.example/p.png)\n',
  `# ${' '.repeat(5000)}x\n`,
  'control \u0001\u0002\u0007\u001b[2J\u007f\u0085\u2028\u2029\ufffe text\n',
  '> '.repeat(300) + 'deep quote\n',
  '',
];
// bytes no UTF-8 decoder accepts: a lone continuation, an overlong '/', a surrogate, a truncated sequence, 0xff
const BAD_UTF8 = [
  Buffer.from([0x80]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xff, 0xfe]),
];
const NAMES = [
  'post',
  'name with spaces',
  '日本語',
  'new\nline',
  'tab\tname',
  'quote\'"',
  '-rf',
  '%2e%2e',
  'x'.repeat(200),
  '.hidden',
  'emoji-🧨',
];

function hostileFile(next: () => number, marker: string, i: number): { name: string; bytes: Buffer } {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const fm = pick(payloads(marker));
  let text = next() < 0.85 ? `${pick(OPENINGS)}\n${fm}\n${pick(CLOSINGS)}\n${pick(BODIES)}` : pick(BODIES) + fm;
  // a random cut (a file being written), or a random splice of the text into itself
  if (next() < 0.1) text = text.slice(0, Math.floor(next() * text.length));
  if (next() < 0.1) text = text.replace(/\n/g, '\r\n');
  let bytes = Buffer.from(text);
  if (next() < 0.15) {
    const at = Math.floor(next() * (bytes.length + 1));
    bytes = Buffer.concat([bytes.subarray(0, at), pick(BAD_UTF8), bytes.subarray(at)]);
  }
  if (next() < 0.02) bytes = Buffer.concat([bytes, Buffer.alloc(9000, 0x61), Buffer.from([0])]); // a NUL past the first 8 KB
  return { name: `${pick(NAMES)}-${i}.${next() < 0.9 ? 'md' : 'markdown'}`, bytes };
}

describeEachDriver('GTM folder, generated hostile files', (get) => {
  const folder = useGtmFolder(get, { prefix: 'studio-gtm-fuzz-', gtm: 'gtm' });

  test(`${FILES} files (seed ${SEED}): nothing runs, nothing crashes, each is imported or refused with a reason`, async () => {
    const { db, dir, gtmDir, source, warnings } = folder();
    const marker = join(dir, 'pwned');
    const next = seeded(SEED);
    const paths: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const { name, bytes } = hostileFile(next, marker, i);
      const folder = join(gtmDir, `batch-${i % 20}`);
      mkdirSync(folder, { recursive: true });
      const path = join(folder, name);
      writeFileSync(path, bytes);
      paths.push(resolve(path));
    }
    const outcome = async () => {
      const rows = await db.query<{
        source_file_path: string;
        title: string;
        import_problem: string | null;
        head: string;
      }>('select source_file_path, title, import_problem, left(content_md, 100) as head from gtm_outputs');
      const imported = new Map(rows.map((r) => [r.source_file_path, r]));
      const reasons = warnings.filter((w) => /; ignored$/.test(w)).join('\n');
      const refused = new Set(paths.filter((p) => !imported.has(p) && reasons.includes(`${p} `)));
      return { imported, refused, missing: paths.filter((p) => !imported.has(p) && !refused.has(p)) };
    };
    // one generous deadline, only to end a hung run: the condition is every file accounted for
    const done = await until('every file imported or refused', async () => {
      const o = await outcome();
      return o.missing.length === 0 && o;
    }).catch(async (err: Error) => {
      const o = await outcome();
      throw new Error(
        `${err.message} (seed ${SEED}): ${o.missing.length} unaccounted, e.g. ${JSON.stringify(o.missing.slice(0, 3))}\n${warnings.slice(-5).join('\n')}`,
      );
    });
    await source.idle();

    assert.equal(existsSync(marker), false, `front matter was executed (seed ${SEED})`);
    assert.equal((globalThis as Record<string, unknown>).__studioPwned, undefined);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
    assert.deepEqual(
      warnings.filter((w) => / skipped/.test(w)),
      [],
      'a file failed with an unexpected error instead of a reason',
    );
    for (const row of done.imported.values())
      assert.ok(row.title.length > 0 && row.title.length <= 300, `title of ${row.source_file_path}`);
    const scripted = [...done.imported.values()].filter((r) =>
      /^---[ \t]*(js|javascript|coffee)[^\n]*\n/i.test(r.head),
    );
    assert.ok(scripted.length > 0, 'the generator made files with script front matter');
    for (const r of scripted) assert.match(r.import_problem ?? '', /is not read \(only YAML is\)/, r.source_file_path);
    assert.ok(
      done.refused.size > 0 && done.imported.size > done.refused.size,
      `imported ${done.imported.size}, refused ${done.refused.size}`,
    );

    // the watcher still works after all of that
    writeFileSync(join(gtmDir, 'after-the-storm.md'), '---\ntitle: After the storm\n---\nfine\n');
    await until(
      'a good file after the hostile ones',
      async () =>
        (
          await db.query<{ n: number }>("select count(*)::int as n from gtm_outputs where title = 'After the storm'")
        )[0]!.n === 1,
    );
  });
});
