// A gateway that answers from frames recorded on a real OpenClaw 2026.9.6 (test/fixtures/openclaw-2026.9.6):
// each call is answered with a recorded payload, and the lists page as the real gateway pages them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GatewayCalls } from '../src/commands/context';
import type { GatewayEvent } from '../src/gateway/client';

const DIR = join(import.meta.dirname, 'fixtures', 'openclaw-2026.9.6');

export interface Frame<T = unknown> {
  method: string;
  params: Record<string, unknown>;
  at: number;
  payload?: T;
  error?: { code: string; message: string };
}

export type Row = { key: string; updatedAt?: number | null; hasActiveRun?: boolean | null } & Record<string, unknown>;
export type Entry = { jobId: string; runAtMs: number } & Record<string, unknown>;
export type Message = { role: string; __openclaw?: { id?: string } } & Record<string, unknown>;

export const frame = <T = unknown>(name: string): Frame<T> =>
  JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as Frame<T>;

/** The payload a recorded call answered. */
export function answer<T = unknown>(name: string): T {
  const f = frame<T>(name);
  if (f.error || f.payload === undefined) throw new Error(`${name}: the recorded call failed`);
  return f.payload;
}

export const rows = (name: string) => answer<{ sessions: Row[] }>(name).sessions;
export const entries = (name: string) => answer<{ entries: Entry[] }>(name).entries;
export const messages = (name: string) => answer<{ messages: Message[] }>(name).messages;

/** Recorded events, as the gateway client hands them to the mirror. */
export const recordedEvents = (name: string): GatewayEvent[] =>
  (JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as GatewayEvent[]).map(({ event, payload, seq }) => ({
    event,
    payload,
    seq,
  }));

/** An answer the real gateway refuses the same way. */
export class GatewayRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * `sessions.list` as 2026.9.6 answers it (q1-sessions-list-8-limit2*): newest update first, `offset`/`limit`
 * (100 when omitted, no maximum), `nextOffset` (null at the end), `hasMore`, `offset` only when above 0;
 * `activeOnly` keeps the rows with a run going on; `cursor` is refused.
 */
export function listSessionsPage(all: readonly Row[], params: Record<string, unknown> = {}) {
  if ('cursor' in params) {
    const refused = frame('sessions-list-cursor-refused').error!;
    throw new GatewayRefusal(refused.code, refused.message);
  }
  const sorted = all
    .filter((s) => !params.activeOnly || s.hasActiveRun)
    .sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0));
  const offset = Number(params.offset ?? 0);
  const limit = Number(params.limit ?? 100);
  const sessions = sorted.slice(offset, offset + limit);
  const end = offset + sessions.length;
  return {
    ts: Date.now(),
    count: sessions.length,
    totalCount: sorted.length,
    limitApplied: limit,
    ...(offset > 0 ? { offset } : {}),
    nextOffset: end < sorted.length ? end : null,
    hasMore: end < sorted.length,
    sessions,
  };
}

/** `cron.runs` (newest first, `offset`/`limit`) over these entries, with its page fields. */
export function listRunsPage(all: readonly Entry[], params: Record<string, unknown> = {}) {
  const sorted = [...all].sort((a, b) => b.runAtMs - a.runAtMs);
  const offset = Number(params.offset ?? 0);
  const limit = Number(params.limit ?? 50);
  const page = sorted.slice(offset, offset + limit);
  const end = offset + page.length;
  return {
    entries: page,
    total: sorted.length,
    offset,
    limit,
    hasMore: end < sorted.length,
    nextOffset: end < sorted.length ? end : null,
  };
}

type Answer = (params: Record<string, unknown>) => unknown;

/** A gateway answering each method from a recorded frame (or a function of the params); it counts the calls. */
export class RecordedGateway implements GatewayCalls {
  readonly calls: { method: string; params: Record<string, unknown> }[] = [];

  constructor(private readonly answers: Record<string, Answer>) {}

  supports(method: string) {
    return method in this.answers;
  }

  async request<T = unknown>(method: string, params?: unknown): Promise<T> {
    const p = (params ?? {}) as Record<string, unknown>;
    this.calls.push({ method, params: p });
    const a = this.answers[method];
    if (!a) throw new Error(`the recorded gateway has no answer for ${method}`);
    return (await a(p)) as T;
  }

  callsOf(method: string, pred: (params: Record<string, unknown>) => boolean = () => true) {
    return this.calls.filter((c) => c.method === method && pred(c.params));
  }
}

/**
 * The usual answers of a reconcile: the jobs, the runs and the sessions given, and the transcripts recorded
 * for a session key (`chat.history` of any other key fails, as for a session the gateway cannot read).
 */
export function reconcileAnswers(opts: {
  runs: readonly Entry[];
  sessions: readonly Row[];
  active?: readonly Row[];
  histories?: Record<string, string>;
}): Record<string, Answer> {
  return {
    'cron.list': () => answer('cron-list-after-restart'),
    'cron.runs': (p) => listRunsPage(opts.runs, p),
    'sessions.list': (p) => listSessionsPage(p.activeOnly && opts.active ? opts.active : opts.sessions, p),
    ...(opts.histories
      ? {
          'chat.history': (p) => {
            const name = opts.histories![String(p.sessionKey)];
            if (!name) throw new Error(`no recorded history for ${String(p.sessionKey)}`);
            return answer(name);
          },
        }
      : {}),
  };
}
