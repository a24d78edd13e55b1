// An OpenAI-compatible model for the OpenClaw lab, scripted per test from the test process.
//
//   GET  /v1/models             the model list (OpenClaw probes it for local providers; answered by FRONT)
//   POST /v1/chat/completions   streaming (SSE) or not
//
// What it answers: the first scripted rule whose `when` matches the request's user turn (each rule is used
// `times` times, once by default), else the default:
//   - after a tool result for the current user turn: "MOCK_DONE after tool <name>: <result>" (never loops),
//   - an in-prompt directive `[[tool:NAME {json}]]` in the user turn: that tool call,
//   - otherwise "MOCK_REPLY: <the user turn>".
// The user turn is the last user message once OpenClaw's internal context blocks are removed: OpenClaw
// appends runtime/sub-agent/completion context as extra user messages.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';

export const MOCK_MODEL_ID = 'mock-1';

export type MockReply =
  /**
   * A plain answer, streamed in small chunks `delayMs` apart (slow answers: a big delay); with `heldBy`, half of it,
   * then the rest once that promise settles (a run the test holds mid-answer until it lets it go).
   */
  | { text: string; delayMs?: number; heldBy?: Promise<unknown> }
  /** One tool call. A deferred tool that the request does not list is called through `tool_call`. */
  | { tool: string; args: Record<string, unknown> }
  /** An HTTP error in OpenAI's shape: 429 rate limit, 401 bad key, 500… */
  | { error: { status: number; message?: string; type?: string; code?: string } }
  /** Never answers (the client's timeout or abort ends it). */
  | { hang: true };

/** A provider's error answer in OpenAI's shape. */
export const providerError = (status: number, message?: string, type?: string, code?: string): MockReply => ({
  error: { status, message, type, code },
});

/** OpenAI's refusal of a prompt its usage policy flags (400 invalid_prompt). */
export const CONTENT_POLICY_REFUSAL = providerError(
  400,
  'Invalid prompt: your prompt was flagged as potentially violating our usage policy.',
  'invalid_request_error',
  'invalid_prompt',
);

export interface MockRule {
  /** Matches the user turn: a substring, a RegExp, or a predicate. Absent: matches every request. */
  when?: string | RegExp | ((req: MockRequest) => boolean);
  reply: MockReply;
  /** How many requests this rule answers (default 1; Infinity for "until removed"). */
  times?: number;
}

export interface MockRequest {
  at: number;
  stream: boolean;
  model: string;
  userText: string;
  /** The text of every message of the request (internal context included). */
  text: string;
  tools: string[];
  /** Set when the request carries a tool result for the current user turn. */
  afterTool: string | null;
  /** What was answered: 'text' | 'tool:<name>' | 'error:<status>' | 'hang'. */
  answered: string;
}

interface ChatMessage {
  role?: string;
  content?: unknown;
  tool_calls?: { function?: { name?: string; arguments?: string } }[];
}

interface ChatBody {
  model?: string;
  stream?: boolean;
  messages?: ChatMessage[];
  tools?: { function?: { name?: string } }[];
}

const INTERNAL = /<<<BEGIN_OPENCLAW_INTERNAL_CONTEXT>>>[\s\S]*?(?:<<<END_OPENCLAW_INTERNAL_CONTEXT>>>|$)/g;
const USAGE = { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 };

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content.map((p) => (typeof p === 'string' ? p : ((p as { text?: string })?.text ?? ''))).join('');
  return '';
}

/**
 * The address OpenClaw is given: a thread of its own that answers the model list itself and passes everything else to
 * the mock in the test's thread. OpenClaw probes `/models` before a cron run with a 2.5 s deadline and, when it is
 * missed, runs no cron job for 5 minutes (its preflight caches the failure); the test's thread can be busy longer
 * than that on a loaded machine (PGlite runs there, in-process, without yielding).
 */
const FRONT = `
const { createServer, request } = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const server = createServer((req, res) => {
  if (req.method === 'GET' && /\\/models\\/?$/.test(req.url ?? '')) {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ object: 'list', data: [{ id: '${MOCK_MODEL_ID}', object: 'model', created: 0, owned_by: 'mock' }] }));
  }
  const up = request({ host: '127.0.0.1', port: workerData.backend, method: req.method, path: req.url, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  up.on('error', () => res.destroy());
  res.on('close', () => up.destroy());
  req.pipe(up);
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

export class MockModel {
  readonly requests: MockRequest[] = [];
  /** Requests to any other route (answered 404). */
  readonly otherRequests: { at: number; method: string; url: string }[] = [];
  private rules: (MockRule & { left: number })[] = [];
  private server: Server | null = null;
  private front: Worker | null = null;
  private readonly open = new Set<ServerResponse>();
  port = 0;

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      this.open.add(res);
      res.on('close', () => this.open.delete(res));
      this.handle(req, res).catch((err: Error) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `mock: ${err.message}` } }));
      });
    });
    await new Promise<void>((ready, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => ready());
    });
    this.server = server;
    const front = new Worker(FRONT, { eval: true, workerData: { backend: (server.address() as AddressInfo).port } });
    this.front = front;
    this.port = await new Promise<number>((ready, fail) => front.once('message', ready).once('error', fail));
  }

  async stop(): Promise<void> {
    await this.front?.terminate();
    this.front = null;
    for (const res of this.open) res.destroy();
    const server = this.server;
    this.server = null;
    server?.closeAllConnections();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  }

  /** Adds a rule after the existing ones; returns a function that removes it. */
  script(rule: MockRule): () => void {
    const entry = { ...rule, left: rule.times ?? 1 };
    this.rules.push(entry);
    return () => {
      this.rules = this.rules.filter((r) => r !== entry);
    };
  }

  /** Removes every rule (between tests). */
  reset(): void {
    this.rules = [];
  }

  /** The requests whose user turn contains `marker`. */
  requestsFor(marker: string): MockRequest[] {
    return this.requests.filter((r) => r.userText.includes(marker));
  }

  /** The requests that mention `marker` anywhere (a sub-agent's task arrives inside OpenClaw's context). */
  requestsMentioning(marker: string): MockRequest[] {
    return this.requests.filter((r) => r.text.includes(marker));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = req.url ?? '';
    if (req.method !== 'POST' || !/\/chat\/completions\/?$/.test(url)) {
      this.otherRequests.push({ at: Date.now(), method: req.method ?? '?', url });
      return json(res, 404, { error: { message: `mock: no route ${req.method} ${url}` } });
    }

    let body: ChatBody = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as ChatBody;
    } catch {
      return json(res, 400, { error: { message: 'mock: body is not JSON' } });
    }
    const msgs = body.messages ?? [];
    let turn = -1;
    for (let i = msgs.length - 1; i >= 0; i--) {
      if (msgs[i]!.role === 'user' && textOf(msgs[i]!.content).replace(INTERNAL, '').trim()) {
        turn = i;
        break;
      }
    }
    const userText = turn >= 0 ? textOf(msgs[turn]!.content).replace(INTERNAL, '').trim() : '';
    const after = msgs.slice(turn + 1);
    const toolResult = after.findLast((m) => m.role === 'tool');
    const toolName =
      after.findLast((m) => m.role === 'assistant' && m.tool_calls?.length)?.tool_calls?.[0]?.function?.name ?? '?';
    const tools = (body.tools ?? []).map((t) => t.function?.name ?? '').filter(Boolean);
    const text = msgs.map((m) => textOf(m.content)).join('\n');
    const request: MockRequest = {
      at: Date.now(),
      stream: Boolean(body.stream),
      model: body.model ?? MOCK_MODEL_ID,
      userText,
      text,
      tools,
      afterTool: toolResult ? toolName : null,
      answered: '',
    };
    this.requests.push(request);

    const reply = this.decide(request, toolResult ? textOf(toolResult.content) : null);
    if ('error' in reply) {
      request.answered = `error:${reply.error.status}`;
      const type =
        reply.error.type ??
        (reply.error.status === 429
          ? 'rate_limit_error'
          : reply.error.status === 401
            ? 'invalid_request_error'
            : 'server_error');
      const code =
        reply.error.code ??
        (reply.error.status === 429 ? 'rate_limit_exceeded' : reply.error.status === 401 ? 'invalid_api_key' : null);
      const message =
        reply.error.message ??
        (reply.error.status === 429
          ? 'Rate limit reached for mock-1 (mock 429).'
          : reply.error.status === 401
            ? 'Incorrect API key provided (mock 401).'
            : `mock error ${reply.error.status}`);
      return json(res, reply.error.status, { error: { message, type, code, param: null } });
    }
    if ('hang' in reply) {
      request.answered = 'hang';
      return; // left open: closed by the client, or by stop()
    }
    if ('tool' in reply) {
      const direct = tools.includes(reply.tool) || !tools.includes('tool_call');
      const name = direct ? reply.tool : 'tool_call';
      const args = direct ? reply.args : { id: reply.tool, args: reply.args };
      request.answered = `tool:${reply.tool}`;
      return completion(res, body, { tool: { name, args: JSON.stringify(args) } });
    }
    request.answered = 'text';
    return completion(res, body, { text: reply.text, delayMs: reply.delayMs ?? 5, heldBy: reply.heldBy });
  }

  private decide(req: MockRequest, toolResult: string | null): MockReply {
    for (const rule of this.rules) {
      if (rule.left <= 0 || !matches(rule.when, req)) continue;
      if (--rule.left <= 0) this.rules = this.rules.filter((r) => r !== rule);
      return rule.reply;
    }
    if (toolResult !== null) return { text: `MOCK_DONE after tool ${req.afterTool}: ${toolResult.slice(0, 200)}` };
    const directive = /\[\[tool:([A-Za-z0-9_.-]+)\s*([\s\S]*?)\s*\]\]/.exec(req.userText);
    if (directive) {
      try {
        return { tool: directive[1]!, args: JSON.parse(directive[2] || '{}') as Record<string, unknown> };
      } catch {
        return { text: `MOCK_BAD_DIRECTIVE ${directive[1]}` };
      }
    }
    return { text: req.userText ? `MOCK_REPLY: ${req.userText.slice(0, 300)}` : 'MOCK_ACK internal event' };
  }
}

function matches(when: MockRule['when'], req: MockRequest): boolean {
  if (when === undefined) return true;
  if (typeof when === 'string') return req.userText.includes(when);
  if (when instanceof RegExp) return when.test(req.userText);
  return when(req);
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function completion(
  res: ServerResponse,
  body: ChatBody,
  d: { text: string; delayMs: number; heldBy?: Promise<unknown> } | { tool: { name: string; args: string } },
) {
  const id = `chatcmpl-mock-${Date.now()}`;
  const created = Math.floor(Date.now() / 1000);
  const model = body.model ?? MOCK_MODEL_ID;
  const callId = `call_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  if (!body.stream) {
    const message =
      'tool' in d
        ? {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: callId, type: 'function', function: { name: d.tool.name, arguments: d.tool.args } }],
          }
        : { role: 'assistant', content: d.text };
    return json(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [{ index: 0, message, finish_reason: 'tool' in d ? 'tool_calls' : 'stop' }],
      usage: USAGE,
    });
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const base = { id, object: 'chat.completion.chunk', created, model };
  const send = (choices: unknown[], extra: object = {}) =>
    res.write(`data: ${JSON.stringify({ ...base, choices, ...extra })}\n\n`);
  send([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
  if ('tool' in d) {
    send([
      {
        index: 0,
        delta: {
          tool_calls: [{ index: 0, id: callId, type: 'function', function: { name: d.tool.name, arguments: '' } }],
        },
        finish_reason: null,
      },
    ]);
    send([
      { index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: d.tool.args } }] }, finish_reason: null },
    ]);
    send([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]);
  } else {
    const pieces = d.text.match(/[\s\S]{1,12}/g) ?? [''];
    for (const [i, piece] of pieces.entries()) {
      if (i === Math.floor(pieces.length / 2) && d.heldBy) await d.heldBy.catch(() => {});
      if (res.destroyed) return;
      send([{ index: 0, delta: { content: piece }, finish_reason: null }]);
      await new Promise((r) => setTimeout(r, d.delayMs));
    }
    send([{ index: 0, delta: {}, finish_reason: 'stop' }]);
  }
  send([], { usage: USAGE });
  res.write('data: [DONE]\n\n');
  res.end();
}
