// A real HTTP receiver for webhook tests (bridge, API and e2e): records every request and answers with the status
// the test chooses.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export class WebhookReceiver {
  readonly received: Received[] = [];
  /** Status to answer with for the n-th request (0-based); 'hang' never answers. */
  answer: (n: number) => number | 'hang' = () => 200;
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const n =
          this.received.push({
            path: req.url ?? '',
            headers: req.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }) - 1;
        const status = this.answer(n);
        // a redirect points at another path here, so a test can tell whether it was followed
        if (status !== 'hang')
          res.writeHead(status, status >= 300 && status < 400 ? { location: '/redirected' } : {}).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  bodies(): { id: string; type: string; data: Record<string, unknown> }[] {
    return this.received.map((r) => JSON.parse(r.body) as { id: string; type: string; data: Record<string, unknown> });
  }
}

/** A TCP service on loopback that is not HTTP (it greets like SSH and hangs up), and a port where nothing listens. */
export async function startNonHttpService(): Promise<{ url: string; closedUrl: string; stop: () => Promise<void> }> {
  const listen = async (server: TcpServer) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };
  // reading what the client sends lets its hang-up close the connection
  const service = createTcpServer(
    (socket) =>
      void socket
        .on('error', () => {})
        .resume()
        .end('SSH-2.0-OpenSSH_9.6\r\n'),
  );
  const port = await listen(service);
  const closed = createTcpServer();
  const closedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
  const stop = () => new Promise<void>((resolve) => service.close(() => resolve()));
  return { url: `http://127.0.0.1:${port}/hook`, closedUrl: `http://127.0.0.1:${closedPort}/hook`, stop };
}
