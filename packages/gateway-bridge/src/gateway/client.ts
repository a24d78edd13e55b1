// A protocol-4 gateway client that stays connected: challenge → connect (token + device proof) → hello,
// request/response with timeouts, events; reconnects with capped exponential backoff and jitter.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { challengeSchema, frameSchema, helloSchema, type Hello } from './frames';
import { deviceProof, type DeviceIdentity } from './device-identity';
import { parseStorableJson } from '../storable-json';

export class GatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Whether trying again later can help (a timeout, a dropped socket) or not (an unknown job). */
    readonly retryable: boolean,
    /** The gateway's own detail code (e.g. `CRON_JOB_NOT_FOUND`), when it gave one. */
    readonly detailCode: string | null = null,
  ) {
    super(message);
  }
}

export interface GatewayEvent {
  event: string;
  payload: unknown;
  seq?: number;
}

export interface GatewayStatus {
  connected: boolean;
  since: Date;
  version: string | null;
  /** The methods the gateway offered at its last hello (null before any): the studio hides what it lacks. */
  methods: string[] | null;
  error?: string;
}

interface ClientEvents {
  hello: [Hello];
  event: [GatewayEvent];
  status: [GatewayStatus];
}

export interface GatewayClientOptions {
  url: string;
  token: string;
  device: DeviceIdentity;
  clientVersion: string;
  requestTimeoutMs?: number;
}

const SCOPES = ['operator.read', 'operator.write', 'operator.admin', 'operator.approvals'];
const CLIENT = { id: 'gateway-client', mode: 'backend', platform: 'linux', displayName: 'agent-studio-bridge' };
// at most 5 s between tries: a gateway back from a restart (an update, a crash) is seen within seconds, not up to
// half a minute later; a try at a gateway that is down costs one refused connection
const BACKOFF = { firstMs: 250, maxMs: 5_000 };

/** The `connect` request's params answering a `connect.challenge` (token and device proof). */
export function connectParams(
  opts: Pick<GatewayClientOptions, 'token' | 'device' | 'clientVersion'>,
  challengePayload: unknown,
) {
  const challenge = challengeSchema.parse(challengePayload);
  const { token, device, clientVersion } = opts;
  const client = { ...CLIENT, version: clientVersion };
  return {
    minProtocol: 4,
    maxProtocol: 4,
    client,
    role: 'operator',
    scopes: SCOPES,
    // 'approvals': the studio is an approval surface; without it the gateway expires an exec or plugin approval
    // at once when no other approval client is connected ('no-approval-route')
    caps: ['tool-events', 'approvals'],
    auth: { token },
    device: deviceProof(device, {
      clientId: client.id,
      clientMode: client.mode,
      role: 'operator',
      scopes: SCOPES,
      token,
      nonce: challenge.nonce,
      signedAtMs: challenge.ts,
      platform: client.platform,
    }),
  };
}

export class GatewayClient extends EventEmitter<ClientEvents> {
  private ws: WebSocket | null = null;
  private hello: Hello | null = null;
  private readonly pending = new Map<
    string,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = true;
  status: GatewayStatus = { connected: false, since: new Date(), version: null, methods: null };

  constructor(private readonly opts: GatewayClientOptions) {
    super();
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close(1000, 'bridge stopping');
      setTimeout(() => {
        ws.terminate();
        resolve();
      }, 2000).unref();
    });
  }

  get connected(): boolean {
    return this.status.connected;
  }

  supports(method: string): boolean {
    return this.hello?.features.methods.includes(method) ?? false;
  }

  request<T = unknown>(
    method: string,
    params: unknown = {},
    { timeoutMs = this.opts.requestTimeoutMs ?? 30_000 } = {},
  ): Promise<T> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN || (!this.hello && method !== 'connect')) {
      return Promise.reject(new GatewayError('NOT_CONNECTED', 'The OpenClaw gateway is not connected.', true));
    }
    const id = randomUUID();
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new GatewayError('TIMEOUT', `The gateway did not answer ${method} within ${timeoutMs / 1000} s.`, true));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      ws.send(JSON.stringify({ type: 'req', id, method, params }));
    });
  }

  private open() {
    const ws = new WebSocket(this.opts.url, { perMessageDeflate: false, handshakeTimeout: 10_000 });
    this.ws = ws;
    ws.on('message', (data) => this.onMessage(ws, data.toString()));
    ws.on('error', (err) => this.setStatus(false, err.message));
    ws.on('close', (code, reason) => {
      this.failPending(
        new GatewayError(
          'DISCONNECTED',
          `The gateway connection closed (${code}${reason.length ? ` ${reason}` : ''}).`,
          true,
        ),
      );
      this.hello = null;
      if (this.ws === ws) this.ws = null;
      this.setStatus(false, this.status.error ?? `connection closed (${code})`);
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect() {
    if (this.stopped) return;
    const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.firstMs * 2 ** this.attempt++);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2); // jitter: many bridges do not reconnect in step
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private onMessage(ws: WebSocket, text: string) {
    let frame;
    try {
      frame = frameSchema.parse(parseStorableJson(text));
    } catch {
      return; // one unreadable frame must not take the connection down
    }
    if (frame.type === 'res') {
      const p = this.pending.get(frame.id);
      if (!p) return;
      this.pending.delete(frame.id);
      clearTimeout(p.timer);
      if (frame.ok) p.resolve(frame.payload);
      else {
        const details = frame.error?.details as { code?: unknown } | undefined;
        const detailCode = typeof details?.code === 'string' ? details.code : null;
        p.reject(
          new GatewayError(
            frame.error?.code ?? 'ERROR',
            frame.error?.message ?? 'The gateway refused the request.',
            frame.error?.retryable ?? false,
            detailCode,
          ),
        );
      }
      return;
    }
    if (frame.type !== 'event') return;
    if (frame.event === 'connect.challenge' && !this.hello) {
      this.handshake(ws, frame.payload).catch((err: Error) => {
        this.setStatus(false, err.message);
        ws.close(4000, 'handshake failed');
      });
      return;
    }
    this.emit('event', { event: frame.event, payload: frame.payload, seq: frame.seq });
  }

  private async handshake(ws: WebSocket, payload: unknown) {
    const hello = helloSchema.parse(await this.request('connect', connectParams(this.opts, payload)));
    if (this.ws !== ws) return;
    this.hello = hello;
    this.attempt = 0;
    // one subscription brings `sessions.changed` and every session's `session.message` (2026.9.6 sends a
    // session's messages to all session subscribers; `sessions.messages.subscribe` is per key, for viewers)
    if (this.supports('sessions.subscribe')) await this.request('sessions.subscribe', {}).catch(() => {});
    // the socket may have closed while we subscribed (the gateway died, or stop()): then we are not connected
    if (this.ws !== ws || ws.readyState !== WebSocket.OPEN) return;
    this.setStatus(true, undefined, hello.server.version);
    this.emit('hello', hello);
  }

  private setStatus(connected: boolean, error?: string, version: string | null = this.status.version) {
    if (connected === this.status.connected && error === this.status.error) return;
    this.status = {
      connected,
      since: connected === this.status.connected ? this.status.since : new Date(),
      version,
      methods: this.hello?.features.methods ?? null,
      ...(error ? { error } : {}),
    };
    this.emit('status', this.status);
  }

  private failPending(err: Error) {
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    this.pending.clear();
  }
}
