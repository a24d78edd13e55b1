// `agent-studio bridge` as its own process, as it runs beside OpenClaw: for the tests and benches that kill it
// or measure it from outside.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../../bin/agent-studio.mjs', import.meta.url));

/**
 * The bridge on `gateway`, with its data and GTM folders, on `databaseUrl` (else embedded PGlite in `dataDir`).
 * Its output is kept; `ended` resolves with how it ended (a signal or the exit code).
 */
export function bridgeProcess(o: {
  gateway: { url: string; token: string };
  dataDir: string;
  gtmDir: string;
  databaseUrl?: string;
  /** More of the command line (e.g. `--gateway work`). */
  args?: string[];
}) {
  const child = spawn(process.execPath, [CLI, 'bridge', ...(o.args ?? [])], {
    env: {
      PATH: process.env.PATH,
      ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
      STUDIO_DATA_DIR: o.dataDir,
      OPENCLAW_GATEWAY_URL: o.gateway.url,
      OPENCLAW_GATEWAY_TOKEN: o.gateway.token,
      STUDIO_GTM_DIR: o.gtmDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const ended = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { child, ended, output: () => output };
}
