#!/usr/bin/env node
// The studio's command: runs the CLI bundled to plain JavaScript (packages/cli/build.mjs), built first when
// missing or older than its sources.
import { cliEntry } from '../packages/cli/build.mjs';

let entry;
try {
  entry = await cliEntry();
} catch (err) {
  if (!['EACCES', 'EPERM', 'EROFS'].includes(err.code)) throw err;
  // a checkout this user may not write, not rebuilt since its last update: run from source (slower)
  process.stderr.write(
    `agent-studio: cannot write the CLI's build (${err.message}); running from source. \`npm run build\` makes it fast again.\n`,
  );
  (await import('tsx/esm/api')).register();
  entry = '../packages/cli/src/main.ts';
}
const { main } = await import(entry);
await main(process.argv.slice(2));
