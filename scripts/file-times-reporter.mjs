// A node:test reporter beside the TAP one (scripts/test.mjs): each test file's time, the sum of its top-level
// tests' durations (its hooks and imports not counted). This run's, longest first, to its destination
// (.cache/test-times.log); merged into .cache/test-times.json, so a run of some files keeps the others' figures,
// from which the runner starts the longest files first.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export const TIMES_FILE = join(dirname(new URL(import.meta.url).pathname), '..', '.cache', 'test-times.json');

/** The recorded times (seconds) by file path from the repository's root; none before a first run. */
export function recordedTimes() {
  try {
    return JSON.parse(readFileSync(TIMES_FILE, 'utf8'));
  } catch {
    return {};
  }
}

export default async function* fileTimes(source) {
  const root = join(dirname(TIMES_FILE), '..');
  const seconds = {};
  for await (const event of source) {
    if ((event.type !== 'test:pass' && event.type !== 'test:fail') || event.data.nesting !== 0) continue;
    const file = event.data.file && relative(root, event.data.file);
    if (!file || file.startsWith('..')) continue;
    seconds[file] = (seconds[file] ?? 0) + (event.data.details?.duration_ms ?? 0) / 1000;
  }
  const merged = { ...recordedTimes() };
  for (const [file, s] of Object.entries(seconds)) merged[file] = Math.round(s * 10) / 10;
  mkdirSync(dirname(TIMES_FILE), { recursive: true });
  writeFileSync(TIMES_FILE, `${JSON.stringify(merged, null, 1)}\n`);
  for (const [file, s] of Object.entries(seconds).sort((a, b) => b[1] - a[1]))
    yield `${s.toFixed(1).padStart(8)} s  ${file}\n`;
}
