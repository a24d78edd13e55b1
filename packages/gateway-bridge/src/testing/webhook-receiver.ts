// A real HTTP receiver for webhook tests (bridge, API and e2e): records every request and answers with the status
// the test chooses.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
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
        const n = this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }) - 1;
        const status = this.answer(n);
        if (status !== 'hang') res.writeHead(status).end();
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
