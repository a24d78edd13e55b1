// Projects gateway observations into the database (DESIGN.md "Project"). The parts, bottom up: rows.ts (the
// shared row writers), then chat-lines.ts, sessions.ts, ghosts.ts, agent-events.ts, live-events.ts and
// reconcile.ts; live-order.ts says which of a live event and a list is newer. This joins them for the connection.
import { DEFAULT_GATEWAY_ID, type Db } from '@agent-studio/database';
import type { GatewayCalls } from '../commands/context';
import type { GatewayEvent } from '../gateway/client';
import type { Logger } from '../logger';
import { backfillHistory } from './backfill';
import { ChatLines } from './chat-lines';
import { LiveEvents } from './live-events';
import { LiveMarks, inTurn, type Step } from './live-order';
import { Reconciler } from './reconcile';
import { SessionList } from './sessions';
import { cronRunKey, mirroredSessionKey } from './translate';

export type { Step } from './live-order';

export class GatewayMirror {
  readonly sessions: SessionList;
  private readonly chat: ChatLines;
  private readonly events: LiveEvents;
  private readonly reconciler: Reconciler;

  /** `gatewayId`: the gateway mirrored, whose rows it writes (the bridge names its own). */
  constructor(
    db: Db,
    private readonly logger: Logger,
    gatewayId: string = DEFAULT_GATEWAY_ID,
  ) {
    const live = new LiveMarks();
    const chat = (this.chat = new ChatLines(db, logger, live, gatewayId));
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

  /**
   * After runs end: the sessions of the gateway's first page changed since they were last written (for their cost:
   * live updates may lack it), then the transcripts of the runs and turns that ended (`finishedRuns`: a cron run's
   * own key `…:run:<sessionId>`, a chat's key) and of the listed sessions that are no longer running, read back once:
   * the gateway does not stream every message to subscribers (2026.9.6 skips some; seen in the lab), and a live line
   * the database refused (a deadlock, a restart) is not written again. A run's transcript is asked for under its
   * job's key, which answers the job's latest run (this one, unless another began since: then under its own key).
   */
  async afterRuns(gw: GatewayCalls, finishedRuns: readonly string[], step: Step): Promise<void> {
    const { changed, asked } = await this.sessions.listChanged(gw);
    await this.sessions.recordInSteps(changed, step, asked);
    if (!gw.supports('chat.history')) return;
    const ended = new Set([...finishedRuns, ...changed.filter((s) => !s.hasActiveRun).map(mirroredSessionKey)]);
    const asks = [...ended].map((key) => ({ ask: cronRunKey(key)?.jobKey ?? key, key }));
    const written = await backfillHistory(this.chat, gw, step, asks, this.logger);
    if (written)
      this.logger.info(`gateway: ${written} lines of ended runs and chat turns were not in the live feed; read back`);
  }
}
