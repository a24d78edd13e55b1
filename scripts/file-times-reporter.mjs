// A node:test reporter beside the TAP one (scripts/test.mjs): each test file's time, the sum of its top-level
// tests' durations (its hooks and imports not counted). This run's, longest first, to its destination
// (.cache/test-times.log); merged into .cache/test-times.json, so a run of some files keeps the others' figures,
// from which the runner starts the longest files first. A checkout without them (CI's, a fresh clone) reads
// scripts/test-times.json, the times of a whole quiet run committed (`cp .cache/test-times.json scripts/` after one):
// without any, the longest lab files started last and a fresh run took 1,343 s instead of ~900.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { testFiles } from './find-files.mjs';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
export const TIMES_FILE = join(root, '.cache', 'test-times.json');
const COMMITTED_TIMES_FILE = join(root, 'scripts', 'test-times.json');

const readTimes = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
};

/** The recorded times (seconds) by file path from the repository's root: this checkout's, else the committed ones. */
export function recordedTimes() {
  return { ...readTimes(COMMITTED_TIMES_FILE), ...readTimes(TIMES_FILE) };
}

/**
 * The test file a top-level suite belongs to. node:test names the file that called `describe`: for a suite
 * declared through the database's test kit (`describeEachDriver('control API', …)`, `describeDriver('pglite', …)`)
 * that is the kit, so such a suite goes to the test file that declares its title (less the driver).
 */
function fileOf(event, sources) {
  const file = event.data.file && relative(root, event.data.file);
  if (!file || file.startsWith('..') || file.endsWith('.test.ts')) return file;
  const { name, kind = '' } = /^(?<name>.*) \[(?<kind>\w+)\]$/.exec(event.data.name)?.groups ?? event.data;
  const title = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const declared = new RegExp(`(describeEachDriver\\(|describeDriver\\('${kind}', *)['"\`]${title}['"\`]`);
  return sources().find(([, text]) => declared.test(text))?.[0] ?? file;
}

/** For a top-level test's event, its test file (from the repository's root); the test files read once, if asked. */
export function testFileResolver() {
  let texts = null;
  const sources = () => (texts ??= testFiles(root).map((f) => [f, readFileSync(join(root, f), 'utf8')]));
  return (event) => fileOf(event, sources);
}

export default async function* fileTimes(source) {
  const testFileOf = testFileResolver();
  const seconds = {};
  for await (const event of source) {
    if ((event.type !== 'test:pass' && event.type !== 'test:fail') || event.data.nesting !== 0) continue;
    const file = testFileOf(event);
    if (file && !file.startsWith('..'))
      seconds[file] = (seconds[file] ?? 0) + (event.data.details?.duration_ms ?? 0) / 1000;
  }
  const merged = { ...recordedTimes() };
  for (const [file, s] of Object.entries(seconds)) merged[file] = Math.round(s * 10) / 10;
  mkdirSync(dirname(TIMES_FILE), { recursive: true });
  writeFileSync(TIMES_FILE, `${JSON.stringify(merged, null, 1)}\n`);
  for (const [file, s] of Object.entries(seconds).sort((a, b) => b[1] - a[1]))
    yield `${s.toFixed(1).padStart(8)} s  ${file}\n`;
}
