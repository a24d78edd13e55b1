// The API under test, in-process: route handlers on a test database (shared as the process's database),
// with a real bridge on the gateway simulator so queued actions are executed end to end.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_GATEWAY_ID,
  getCheckpoint,
  getCronJobByExternalId,
  shareDb,
  upsertGtmOutputFromFile,
  type Db,
  type Queryable,
} from '@agent-studio/database';
import { ownerCookie as signIn } from './credentials';
import type { TestDatabase } from '@agent-studio/database/testing';

import { until } from '@agent-studio/database/testing';

export { until };
import { startBridge, type Bridge } from '@agent-studio/gateway-bridge';
import { silentLogger } from '@agent-studio/gateway-bridge/logger';
import { GatewaySimulator } from '@agent-studio/gateway-bridge/simulator/gateway-simulator';

export interface Studio {
  db: Db;
  sim: GatewaySimulator;
  bridge: Bridge;
  gtmDir: string;
}

// The owner's signed-in browser: `call` sends its cookie, as the proxy would have let it through.
let ownerCookie: string | null = null;

/** Registers before/after hooks (inside a `describeEachDriver` suite) and returns a getter. */
export function useStudio(get: () => TestDatabase, opts: { bridge?: boolean } = {}): () => Studio {
  let studio: Studio;
  let dir: string;
  before(async () => {
    const { db } = get();
    shareDb(db);
    ownerCookie = await signIn(db);
    dir = mkdtempSync(join(tmpdir(), 'studio-api-'));
    const gtmDir = join(dir, 'gtm');
    mkdirSync(gtmDir);
    const sim = new GatewaySimulator();
    const url = await sim.start();
    const bridge = await startBridge({
      db,
      identityDir: dir,
      gateway: { url, token: opts.bridge === false ? 'wrong-token' : sim.token },
      gtmDir,
      logger: silentLogger,
      worker: 'api-test',
    });
    // its first pass over the gateway's whole session list marks deleted the sessions the gateway does not list:
    // the rows a test writes itself (old ones among them) come after it
    if (opts.bridge !== false)
      await until("the bridge's first reconcile", () =>
        getCheckpoint(db, 'openclaw', 'sessions.list', DEFAULT_GATEWAY_ID),
      );
    studio = { db, sim, bridge, gtmDir };
  });
  after(async () => {
    await studio?.bridge.stop();
    await studio?.sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return () => studio;
}

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

export interface CallOptions {
  params?: Record<string, string>;
  body?: unknown;
  /** Sent as is (for malformed JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Without the owner's session cookie. */
  anonymous?: boolean;
}

/** Calls a route handler the way Next does. */
export async function call(
  handler: Handler,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<{ status: number; json: any; response: Response }> {
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const request = new Request(`http://studio.test${path}`, {
    method,
    body,
    headers: {
      'content-type': 'application/json',
      ...(ownerCookie && !opts.anonymous ? { cookie: ownerCookie } : {}),
      ...opts.headers,
    },
    signal: opts.signal,
  });
  const response = await handler(request, { params: Promise.resolve(opts.params ?? {}) });
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, json: type.includes('json') ? await response.json() : null, response };
}

export interface SseMessage {
  id?: string;
  event?: string;
  data: any;
}

/** Reads SSE messages from a streaming response until `stop` says so (or the stream ends). */
export async function readSse(
  response: Response,
  stop: (m: SseMessage, all: SseMessage[]) => boolean,
  timeoutMs = 15_000,
): Promise<SseMessage[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const messages: SseMessage[] = [];
  let buffer = '';
  const deadline = setTimeout(() => void reader.cancel(), timeoutMs);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return messages;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const m: SseMessage = { data: undefined };
        for (const line of block.split('\n')) {
          if (line.startsWith('id: ')) m.id = line.slice(4);
          else if (line.startsWith('event: ')) m.event = line.slice(7);
          else if (line.startsWith('data: ')) m.data = JSON.parse(line.slice(6));
        }
        if (m.data === undefined) continue; // heartbeat comment
        messages.push(m);
        if (stop(m, messages)) return messages;
      }
    }
  } finally {
    clearTimeout(deadline);
    await reader.cancel().catch(() => {});
  }
}

/** A new job's body as the New job form sends it. */
export const newJobBody = {
  name: 'Morning brief',
  schedule: { kind: 'cron', expr: '0 7 * * 1-5' },
  timezone: 'America/New_York',
  session: 'isolated',
  message: 'Summarise overnight updates.',
  delivery: { mode: 'none' },
};

/** A job added to the gateway simulator, once the bridge has mirrored it. */
export async function mirroredJob(studio: Studio, name: string, message = 'x') {
  const sim = studio.sim.addJob({
    name,
    enabled: true,
    schedule: { kind: 'every', everyMs: 3_600_000 },
    payload: { kind: 'agentTurn', message },
  });
  return { sim, row: await until('job mirrored', () => getCronJobByExternalId(studio.db, 'openclaw', sim.id)) };
}

/** A content item as the GTM folder would import it (without waiting for a watcher); its id. */
export async function contentItem(db: Queryable, md = 'first draft', title = 'Item'): Promise<string> {
  const { row } = await upsertGtmOutputFromFile(db, {
    sourceFilePath: `/gtm/blog/${randomUUID()}.md`,
    title,
    contentType: 'blog',
    tags: [],
    priority: 5,
    contentMd: md,
    contentHtml: `<p>${md}</p>`,
    fileHash: randomUUID(),
  });
  return row.id;
}
