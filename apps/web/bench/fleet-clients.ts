// The fleet bench's browsers (fleet.bench.ts): SSE clients on the web process's /api/events, in a process of their
// own (forked, as browsers are apart from the simulators), so that reading their streams does not hold up the
// simulators and the LISTEN that time the rows. Each client reads every event it is sent and, for the bench's own
// chat lines (`fleet:<gateway>:<emitted at>`), keeps the time from the simulator emitting the line to this client
// reading it. Asked about a window of emission times, it answers how many of those deliveries were read and, the
// last time, their latencies (ms) and how many events each client got; the bench kills it at the end.
import { get, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface ClientsInput {
  url: string;
  cookie: string;
  clients: number;
}

/** A span of emission times (wall clock, ms). */
export interface Window {
  from: number;
  to: number;
}

/** What the bench asks: how many lines of the window were read, and with `final` their latencies. */
export interface ClientsRequest extends Window {
  final: boolean;
}

export interface ClientsAnswer {
  /** How many deliveries of the window's lines were read, by all clients together. */
  read: number;
  /** With `final`: their latencies (ms). */
  latencies?: number[];
  /** Per client, the events it read. */
  events: number[];
}

/** Wall-clock time in ms with sub-ms precision, comparable across processes. */
export const now = () => performance.timeOrigin + performance.now();

const MARK = /fleet:\d+:(\d+(?:\.\d+)?)/;

/** Marked lines read: when each was emitted and when it was read, one pair after the other. */
const seen: number[] = [];
const events: number[] = [];

function open(input: ClientsInput, i: number): Promise<IncomingMessage> {
  events[i] = 0;
  return new Promise((resolve, reject) => {
    get(`${input.url}/api/events`, { headers: { cookie: input.cookie, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`client ${i}: /api/events answered ${res.statusCode}`));
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (chunk: string) => {
        const at = now();
        buf += chunk;
        let end;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          if (!block.startsWith('id: ')) continue; // a comment: connected, heartbeat
          events[i]!++;
          const m = MARK.exec(block);
          if (m) seen.push(Number(m[1]), at);
        }
      });
      resolve(res);
    }).on('error', reject);
  });
}

// forked by the bench with what to open as its argument
if (process.send && process.argv[2]) {
  const input = JSON.parse(process.argv[2]) as ClientsInput;
  const streams = await Promise.all(Array.from({ length: input.clients }, (_, i) => open(input, i)));
  process.send({ open: streams.length });
  process.on('message', ({ from, to, final }: ClientsRequest) => {
    const latencies: number[] = [];
    for (let k = 0; k < seen.length; k += 2)
      if (seen[k]! >= from && seen[k]! <= to) latencies.push(seen[k + 1]! - seen[k]!);
    process.send!({ read: latencies.length, latencies: final ? latencies : undefined, events } satisfies ClientsAnswer);
  });
}
