// What the benches on a built data set share: which drivers to run, percentiles, and a studio serving a copy of
// the data set (`agent-studio studio`) with its bridge pointed at no gateway and no files, so that it shows what
// the data set holds and nothing else.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStudioWithEnv, type RunningStudio } from '../e2e/harness';

/** BENCH_DRIVERS=postgres (or pglite) runs one. */
export const DRIVERS = (process.env.BENCH_DRIVERS ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];

export const driverName = (kind: 'pglite' | 'postgres') => (kind === 'pglite' ? 'PGlite' : 'Postgres');

/** The p-th percentile (nearest rank) of `xs`. */
export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

export const fmt = (xs: number[], target?: number) =>
  `p50 ${pct(xs, 50).toFixed(0)} ms, p95 ${pct(xs, 95).toFixed(0)} ms${target ? ` (target < ${target} ms)` : ''}`;

/** A studio on the data set (`dataDir` for PGlite, `url` for Postgres); stop() also removes its empty folder. */
export async function startDataSetStudio(bench: { dataDir?: string; url?: string }): Promise<RunningStudio> {
  const empty = mkdtempSync(join(tmpdir(), 'studio-bench-empty-'));
  const studio = await startStudioWithEnv({
    ...(bench.url ? { DATABASE_URL: bench.url } : { STUDIO_DATA_DIR: bench.dataDir! }),
    OPENCLAW_GATEWAY_URL: 'ws://127.0.0.1:9',
    OPENCLAW_GATEWAY_TOKEN: 'bench',
    OPENCLAW_CONFIG_PATH: join(empty, 'openclaw.json'),
    OPENCLAW_WORKSPACE: empty,
    STUDIO_GTM_DIR: empty,
    STUDIO_OPENCLAW_FILES: 'off',
  }).catch((err: unknown) => {
    rmSync(empty, { recursive: true, force: true });
    throw err;
  });
  return {
    ...studio,
    async stop() {
      const code = await studio.stop();
      rmSync(empty, { recursive: true, force: true });
      return code;
    },
  };
}
