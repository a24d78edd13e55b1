// The GTM folder source as the folder tests start it: on a temp folder of the test's own, its warnings kept (with
// the error they carry) for the test to read.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Db } from '@agent-studio/database';
import type { TestDatabase } from '@agent-studio/database/testing';
import { GtmFolderSource } from '../src/sources/gtm-folder';

/** A logger that keeps what is warned in `warnings`. */
export const warningsInto = (warnings: string[]) => ({
  info() {},
  warn: (m: string, err?: unknown) => warnings.push(`${m}${err ? ` ${String(err)}` : ''}`),
  error() {},
});

export interface GtmFolder {
  db: Db;
  /** The temp folder the GTM folder is in (what is beside it is outside it). */
  dir: string;
  gtmDir: string;
  source: GtmFolderSource;
  /** What the source warned, in order. */
  warnings: string[];
}

/**
 * Registers before/after hooks (inside a `describeEachDriver` suite): a new temp folder with the GTM folder at
 * `gtm` inside it (and its `subfolders`), watched by a started source; stopped and removed after. Returns a getter.
 */
export function useGtmFolder(
  get: () => TestDatabase,
  o: { prefix: string; gtm: string; subfolders?: string[] },
): () => GtmFolder {
  let folder: GtmFolder;
  before(async () => {
    const { db } = get();
    const dir = mkdtempSync(join(tmpdir(), o.prefix));
    const gtmDir = join(dir, o.gtm);
    mkdirSync(gtmDir, { recursive: true });
    for (const sub of o.subfolders ?? []) mkdirSync(join(gtmDir, sub), { recursive: true });
    const warnings: string[] = [];
    const source = new GtmFolderSource({ db, gtmDir, logger: warningsInto(warnings) });
    folder = { db, dir, gtmDir, source, warnings };
    await source.start();
  });
  after(async () => {
    await folder?.source.stop();
    if (folder) rmSync(folder.dir, { recursive: true, force: true });
  });
  return () => folder;
}
