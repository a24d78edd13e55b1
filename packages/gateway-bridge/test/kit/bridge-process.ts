// `agent-studio bridge` as its own process, as it runs beside OpenClaw: for the tests and benches that kill it
// or measure it from outside.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../../bin/agent-studio.mjs', import.meta.url));

/**
 * The bridge on `gateway`, with its data and GTM folders, on `databaseUrl` (else embedded PGlite in `dataDir`).
 * Without `gateway` and `gtmDir` it finds them as on a machine of its own, through `env` (its HOME, or
 * OPENCLAW_CONFIG_PATH). Its output is kept (LAB_VERBOSE=1 prints it too, each line after `name`); `ended`
 * resolves with how it ended (a signal or the exit code).
 */
export function bridgeProcess(o: {
  gateway?: { url: string; token: string };
  dataDir: string;
  gtmDir?: string;
  databaseUrl?: string;
  /** More of the command line (e.g. `--gateway work`). */
  args?: string[];
  /** More of its environment (it inherits only PATH). */
  env?: Record<string, string>;
  cwd?: string;
  name?: string;
}) {
  const child = spawn(process.execPath, [CLI, 'bridge', ...(o.args ?? [])], {
    cwd: o.cwd,
    env: {
      PATH: process.env.PATH,
      ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
      STUDIO_DATA_DIR: o.dataDir,
      ...(o.gateway ? { OPENCLAW_GATEWAY_URL: o.gateway.url, OPENCLAW_GATEWAY_TOKEN: o.gateway.token } : {}),
      ...(o.gtmDir ? { STUDIO_GTM_DIR: o.gtmDir } : {}),
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const take = (d: Buffer) => {
    output += d;
    if (process.env.LAB_VERBOSE) process.stderr.write(`[${o.name ?? 'bridge'}] ${d}`);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const ended = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { child, ended, output: () => output };
}
