// Projects gateway observations into the database (DESIGN.md "Project"). The parts, bottom up: rows.ts (the
// shared row writers), then chat-lines.ts, sessions.ts, ghosts.ts, agent-events.ts, live-events.ts and
// reconcile.ts; live-order.ts says which of a live event and a list is newer. This joins them for the connection.
import { DEFAULT_GATEWAY_ID, type Db } from '@agent-studio/database';
import type { GatewayCalls } from '../commands/context';
import type { GatewayEvent } from '../gateway/client';
import type { Logger } from '../logger';
import { ChatLines } from './chat-lines';
import { LiveEvents } from './live-events';
import { LiveMarks, inTurn, type Step } from './live-order';
import { Reconciler } from './reconcile';
import type { OcSession } from './schemas';
import { SessionList } from './sessions';

export type { Step } from './live-order';

export class GatewayMirror {
  readonly sessions: SessionList;
  private readonly events: LiveEvents;
  private readonly reconciler: Reconciler;

  /** `gatewayId`: the gateway mirrored, whose rows it writes (the bridge names its own). */
  constructor(db: Db, logger: Logger, gatewayId: string = DEFAULT_GATEWAY_ID) {
    const live = new LiveMarks();
    const chat = new ChatLines(db, logger, live, gatewayId);
    this.sessions = new SessionList(db, logger, live, gatewayId);
    this.events = new LiveEvents(db, logger, live, chat, gatewayId);
    this.reconciler = new Reconciler(db, logger, live, this.sessions, chat, gatewayId);
  }

  /** Everything the gateway lists, so what happened while we were away is not missing. */
  reconcile(gw: GatewayCalls, step: Step = inTurn, opts: { afterConnect?: boolean } = {}): Promise<void> {
    return this.reconciler.reconcile(gw, step, opts);
  }

  /** Live gateway events, in order; false when one was skipped (the caller then catches up from the lists). */
  handleAll(events: readonly GatewayEvent[]): Promise<boolean> {
    return this.events.handleAll(events);
  }

  /** The sessions of the gateway's first page changed since they were last written (what a finished run touched). */
  listSessions(gw: GatewayCalls): Promise<{ listed: number; changed: OcSession[]; asked: number }> {
    return this.sessions.listChanged(gw);
  }

  recordSessionsInSteps(sessions: readonly OcSession[], step: Step, asked: number): Promise<void> {
    return this.sessions.recordInSteps(sessions, step, asked);
  }
}
