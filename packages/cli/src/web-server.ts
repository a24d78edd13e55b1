import { createServer, type Server } from 'node:http';
import next from 'next';
import { refuseOversizedBody } from '@agent-studio/core/body-limits';
import { trustedProxies, vouchForClient } from '@agent-studio/core/client-address';
import { WEB_DIR } from './web-build';

export { ensureWebBuild } from './web-build';

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
  // An idle kept-alive connection is closed after this long. Node's 5 s is shorter than most clients' and proxies'
  // (60 s and more): a request sent on a connection just as the server closes it fails (ECONNRESET), and a
  // client retries only a GET on its own. The headers' timeout must be the longer of the two.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
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
