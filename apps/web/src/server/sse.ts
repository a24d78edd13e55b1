import 'server-only';
import type { StudioEvent } from '@agent-studio/core';
import { authenticate } from './auth';

const HEARTBEAT_MS = 15_000;
const encoder = new TextEncoder();
const CONNECTED = encoder.encode(': connected\nretry: 2000\n\n');
const HEARTBEAT = encoder.encode(': heartbeat\n\n');
const MAX_BIGINT = 2n ** 63n - 1n;

/** An id these streams send: a bigint row id (an event's id, a log line's seq). */
export const isEventId = (s: string) => /^\d+$/.test(s) && BigInt(s) <= MAX_BIGINT;

/**
 * Where the client left off. An id no stream could have sent counts as none: EventSource sends back whatever
 * it last got, and an error answer would end it for good.
 */
export function lastEventId(request: Request): string | null {
  const id = request.headers.get('last-event-id');
  return id !== null && isEventId(id) ? id : null;
}

const frame = ({ id, event, data }: { id?: string; event?: string; data: unknown }) =>
  encoder.encode(`${id ? `id: ${id}\n` : ''}${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);

// The live hub hands every stream the same object for an event: it is written out once, not once per stream
const eventFrames = new WeakMap<StudioEvent, Uint8Array>();

export interface SseWriter {
  send(event: { id?: string; event?: string; data: unknown }): void;
  /** An outbox event, under its id and type. */
  sendEvent(event: StudioEvent): void;
  close(): void;
}

/**
 * A Server-Sent Events response. `start` gets a writer and returns its cleanup; the stream sends a comment
 * heartbeat every 15 s and runs the cleanup once, whether the client leaves or the server closes it.
 */
export function sseResponse(request: Request, start: (writer: SseWriter) => Promise<(() => void) | void>): Response {
  let cleanup: (() => void) | void;
  let cleaned = false;
  const runCleanup = () => {
    if (cleaned || !cleanup) return;
    cleaned = true;
    cleanup();
  };
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      // what is written in one turn of the event loop (a page of events) goes out as one chunk
      let pending: Uint8Array[] = [];
      /** Sends what is pending; false when the client has gone. */
      const flush = () => {
        if (!pending.length) return true;
        const chunk = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
        pending = [];
        try {
          controller.enqueue(chunk);
          return true;
        } catch {
          return false;
        }
      };
      const finish = () => {
        if (closed) return;
        flush(); // the last words (a log's end, an error) before the close
        closed = true;
        clearInterval(heartbeat);
        request.signal.removeEventListener('abort', finish);
        runCleanup();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      const write = (bytes: Uint8Array) => {
        if (closed) return;
        if (!pending.length) queueMicrotask(() => closed || flush() || finish());
        pending.push(bytes);
      };
      const writer: SseWriter = {
        send: (event) => write(frame(event)),
        sendEvent(e) {
          let bytes = eventFrames.get(e);
          if (!bytes) eventFrames.set(e, (bytes = frame({ id: e.id, event: e.type, data: e })));
          write(bytes);
        },
        close: finish,
      };
      request.signal.addEventListener('abort', finish);
      write(CONNECTED);
      heartbeat = setInterval(() => {
        write(HEARTBEAT);
        // a stream outlives its sign-in: once the session is signed out (everywhere, or by passwd) or the token
        // revoked, it ends, and the browser's reconnect is refused
        void authenticate(request.headers).then(
          (caller) => caller || finish(),
          () => {},
        );
      }, HEARTBEAT_MS);
      try {
        cleanup = await start(writer);
      } catch (err) {
        // the database's own words stay in the server's log
        console.error('event stream: could not start', err);
        writer.send({
          event: 'error',
          data: { message: 'The stream could not start on the server; it has been logged.' },
        });
        finish();
        return;
      }
      if (closed) runCleanup();
    },
    cancel() {
      closed = true;
      clearInterval(heartbeat);
      runCleanup();
    },
  });

  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}
