import 'server-only';
import { channelMatches, type StudioEvent } from '@agent-studio/core';
import { CoalescingRunner } from '@agent-studio/core/coalescing-runner';
import { latestEventId, listEventsSince, type Db } from '@agent-studio/database';
import { getDb } from './db';

/**
 * One LISTEN per process, fanned out to every SSE client (STYLE.md §7). NOTIFY only says "something new";
 * the rows are read from the outbox by id, so a missed or coalesced notification loses nothing.
 */
export interface Subscriber {
  channels: readonly string[];
  /** Delivered in id order, each at most once. */
  deliver(event: StudioEvent): void;
}

const PAGE = 500;
const gt = (a: string, b: string) => BigInt(a) > BigInt(b);

class LiveHub {
  private cursor = '0';
  private readonly subscribers = new Set<Subscriber>();
  private readonly reader = new CoalescingRunner(() => this.drain());

  constructor(private readonly db: Db) {}

  async start() {
    this.cursor = await latestEventId(this.db);
    await this.db.listen('studio_events', () => this.reader.wake());
  }

  /** The newest id the hub has dispatched: a replay up to here then live is gap-free. */
  get position() {
    return this.cursor;
  }

  add(s: Subscriber): () => void {
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }

  get size() {
    return this.subscribers.size;
  }

  private async drain() {
    try {
      for (;;) {
        const events = await listEventsSince(this.db, { afterId: this.cursor, limit: PAGE });
        for (const e of events) {
          this.cursor = e.id;
          for (const s of this.subscribers) if (s.channels.some((c) => channelMatches(c, e.channel))) s.deliver(e);
        }
        if (events.length < PAGE) return;
      }
    } catch (err) {
      console.error('live hub: reading events failed, retrying on the next notification', err);
    }
  }
}

// One hub per database (tests switch databases within a process), kept on globalThis like the database.
const KEY = Symbol.for('agent-studio.live-hubs');
type Holder = { [KEY]?: WeakMap<Db, Promise<LiveHub>> };

async function getLiveHub(db: Db): Promise<LiveHub> {
  const hubs = ((globalThis as Holder)[KEY] ??= new WeakMap());
  let hub = hubs.get(db);
  if (!hub) {
    hub = (async () => {
      const h = new LiveHub(db);
      await h.start();
      return h;
    })().catch((err) => {
      hubs.delete(db); // the next subscriber tries again
      throw err;
    });
    hubs.set(db, hub);
  }
  return hub;
}

/**
 * Subscribes from `afterId` (or from now): stored events first, then live ones, in id order without
 * duplicates. Live events that arrive during the replay are held and sent after it.
 */
export async function subscribe(
  channels: readonly string[],
  afterId: string | null,
  deliver: (e: StudioEvent) => void,
): Promise<() => void> {
  const db = await getDb();
  const hub = await getLiveHub(db);
  let last = afterId ?? hub.position;
  let held: StudioEvent[] | null = [];
  const send = (e: StudioEvent) => {
    if (!gt(e.id, last)) return;
    last = e.id;
    deliver(e);
  };
  const unsubscribe = hub.add({ channels, deliver: (e) => (held ? held.push(e) : send(e)) });
  try {
    for (;;) {
      const page = await listEventsSince(db, { afterId: last, channels, limit: PAGE });
      page.forEach(send);
      if (page.length < PAGE) break;
    }
  } catch (err) {
    unsubscribe();
    throw err;
  }
  const pending = held;
  held = null;
  pending.forEach(send);
  return unsubscribe;
}
