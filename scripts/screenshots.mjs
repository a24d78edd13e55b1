#!/usr/bin/env node
// Copies the README's screenshots out of an `npm test` run (the e2e tests save every page they visit to
// .cache/screenshots) into docs/screenshots, so the gallery in docs/SCREENSHOTS.md shows the studio as it is.
//   node scripts/screenshots.mjs [source folder]
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const from = process.argv[2] ?? join(root, '.cache/screenshots');
const to = join(root, 'docs/screenshots');
// the gallery names the pictures it shows: exactly those are copied
const names = [
  ...readFileSync(join(root, 'docs/SCREENSHOTS.md'), 'utf8').matchAll(/\(screenshots\/([\w-]+)\.png\)/g),
].map((m) => m[1]);
mkdirSync(to, { recursive: true });
const missing = names.filter((n) => !existsSync(join(from, `${n}.png`)));
if (missing.length) {
  console.error(`not in ${from} (run npm test first): ${missing.join(', ')}`);
  process.exit(1);
}
for (const n of names) copyFileSync(join(from, `${n}.png`), join(to, `${n}.png`));
console.log(`copied ${names.length} screenshots to docs/screenshots`);
