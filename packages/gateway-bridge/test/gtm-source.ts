// The GTM folder source as the folder tests start it: on a temp folder of the test's own, its warnings kept (with
// the error they carry) for the test to read.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '@agent-studio/database';
import { GtmFolderSource } from '../src/sources/gtm-folder';

/** A logger that keeps what is warned in `warnings`. */
export const warningsInto = (warnings: string[]) => ({
  info() {},
  warn: (m: string, err?: unknown) => warnings.push(`${m}${err ? ` ${String(err)}` : ''}`),
  error() {},
});

/** A new temp folder with the GTM folder at `gtm` inside it (and its `subfolders`), watched by a started source. */
export async function startGtmFolder(
  db: Db,
  o: { prefix: string; gtm: string; subfolders?: string[]; warnings: string[] },
): Promise<{ dir: string; gtmDir: string; source: GtmFolderSource }> {
  const dir = mkdtempSync(join(tmpdir(), o.prefix));
  const gtmDir = join(dir, o.gtm);
  mkdirSync(gtmDir, { recursive: true });
  for (const sub of o.subfolders ?? []) mkdirSync(join(gtmDir, sub), { recursive: true });
  const source = new GtmFolderSource({ db, gtmDir, logger: warningsInto(o.warnings) });
  await source.start();
  return { dir, gtmDir, source };
}
