import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import next from 'next';
import { refuseOversizedBody } from '@agent-studio/core/body-limits';
import { trustedProxies, vouchForClient } from '@agent-studio/core/client-address';
import { ROOT_DIR } from './paths';

export const WEB_DIR = join(ROOT_DIR, 'apps/web');
// What the web bundle is built from: a change in any of these makes the build stale.
const SOURCES = ['apps/web/src', 'apps/web/next.config.ts', 'packages/core/src', 'packages/database/src'];

/** Builds the web app when there is no build yet or its sources changed since (first start, after a pull). */
export function ensureWebBuild(log: (msg: string) => void): void {
  const buildId = join(WEB_DIR, '.next/BUILD_ID');
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (builtAt && SOURCES.every((s) => newestMtime(join(ROOT_DIR, s)) <= builtAt)) return;
  log(
    builtAt ? 'Sources changed since the last build: rebuilding the web app…' : 'Building the web app (first start)…',
  );
  const nextBin = createRequire(join(WEB_DIR, 'package.json')).resolve('next/dist/bin/next');
  const r = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: WEB_DIR,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, e)));
  return newest;
}

export interface WebServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves the built Next app from this process, so it shares the process's database (and PGlite), and tells
 * it each request's client address (the sign-in limit's key), which plain `next start` cannot.
 */
export async function startWebServer(opts: {
  host: string;
  port: number;
  trustedProxies: readonly string[];
}): Promise<WebServer> {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  // the web app answers the Host it is bound to (its Host allow-list, apps/web/src/server/env.ts)
  process.env.HOST = opts.host;
  const app = next({ dev: false, dir: WEB_DIR, hostname: opts.host, port: opts.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const trusted = trustedProxies(opts.trustedProxies);
  const server: Server = createServer((req, res) => {
    vouchForClient(req, trusted);
    if (refuseOversizedBody(req, res)) return;
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host}:${port}`,
    async stop() {
      // SSE streams never end by themselves: close every connection, then the listener.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
