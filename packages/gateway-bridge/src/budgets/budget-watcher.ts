// Watches what running sessions spend against the owner's budgets (per job run, per agent session, per UTC
// day; an agent's or the day's for one gateway or for the whole fleet). Over budget with action 'abort': the session is aborted through the gateway (a `session.abort`
// command, so the outcome lands in the activity log like any other action) and a job is paused; with
// 'warn': the studio only says so. Each breach is acted on once (budget_breaches). Spending changes only
// with an event (usage mirrored, budget set), so a check is skipped while the outbox has not moved.
import { budgetWatcherActor as actor, channelFor, type EventPayload } from '@agent-studio/core';
import {
  appendEvent,
  enqueueCommand,
  findDayBreaches,
  findSessionBreaches,
  getCronJob,
  getGateway,
  listAgentSessions,
  listGateways,
  recordActivity,
  recordBudgetBreach,
  type ActivityTarget,
  type BudgetRow,
  type Db,
  type DayBreach,
  type SessionBreach,
} from '@agent-studio/database';
import type { Logger } from '../logger';
import { OutboxWatch } from '../outbox-watch';

const EVERY_MS = 2_000;

export interface BudgetWatcherOptions {
  db: Db;
  logger: Logger;
  everyMs?: number;
}

const limitText = (b: BudgetRow) =>
  [
    b.max_tokens != null && `${b.max_tokens.toLocaleString('en')} tokens`,
    b.max_cost_usd != null && `$${b.max_cost_usd}`,
  ]
    .filter(Boolean)
    .join(' / ');
const spentText = (tokens: number, cost: number | null) =>
  `${Math.round(tokens).toLocaleString('en')} tokens${cost != null ? `, $${cost.toFixed(4)}` : ''}`;

export class BudgetWatcher extends OutboxWatch {
  constructor(private readonly opts: BudgetWatcherOptions) {
    super({ db: opts.db, logger: opts.logger, everyMs: opts.everyMs ?? EVERY_MS, failure: 'budgets: check skipped' });
  }

  protected pass(): Promise<void> {
    return this.check();
  }

  /** One pass: acts on every new breach. */
  async check(): Promise<void> {
    for (const breach of await findSessionBreaches(this.opts.db)) await this.onSession(breach);
    for (const day of await findDayBreaches(this.opts.db)) await this.onDay(day);
  }

  /** ` on gateway “name”` for a budget of one gateway; nothing for the fleet's. */
  /** Whose spending a budget limits, as its messages say it: a gateway's, or the fleet's (said where there are several). */
  private async onGateway(b: BudgetRow): Promise<string> {
    if (!b.gateway_id) return (await listGateways(this.opts.db)).length > 1 ? ' across every gateway' : '';
    return ` on gateway “${(await getGateway(this.opts.db, b.gateway_id))?.name ?? b.gateway_id}”`;
  }

  private async onSession(b: SessionBreach) {
    const { db } = this.opts;
    const job = b.cronJobId ? await getCronJob(db, b.cronJobId) : null;
    const whose =
      b.budget.scope === 'job'
        ? `job “${job?.name ?? b.budget.target}”`
        : `agent “${b.budget.target}”${await this.onGateway(b.budget)}`;
    const abort = b.budget.action === 'abort';
    const message = `${b.agentName} passed the budget of ${whose} (${limitText(b.budget)}; spent ${spentText(b.tokens, b.costUsd)})${abort ? (b.running ? ': stopping it.' : '.') : ': warning only.'}`;
    const breach = { sessionId: b.sessionId, tokens: b.tokens, costUsd: b.costUsd };
    const target = { kind: 'agent_session' as const, id: b.sessionId, label: b.agentName };
    const event = { scope: b.budget.scope, sessionId: b.sessionId, jobId: job?.id ?? null, message };
    if (!(await this.actOnce(b.budget, breach, event, target)) || !abort) return;
    const reason = `Paused by its budget: ${message}`;
    if (b.running)
      await enqueueCommand(
        db,
        'session.abort',
        { sessionId: b.sessionId, reason: message },
        { actor, target: { kind: 'agent_session', id: b.sessionId, label: b.agentName }, gatewayId: b.gatewayId },
      );
    if (b.budget.scope === 'job' && job?.enabled)
      await enqueueCommand(
        db,
        'cron.setEnabled',
        { jobId: job.id, enabled: false, reason },
        { actor, target: { kind: 'cron_job', id: job.id, label: job.name }, gatewayId: job.gateway_id },
      );
  }

  /** A daily budget passed: a gateway's stops that gateway's running sessions, the fleet's every one. */
  private async onDay(day: DayBreach) {
    const { db } = this.opts;
    const abort = day.budget.action === 'abort';
    const where = await this.onGateway(day.budget);
    const message = `Today's spending${where} passed the daily budget (${limitText(day.budget)}; spent ${spentText(day.tokens, day.costUsd)})${abort ? `: stopping every running session${where}.` : ': warning only.'}`;
    const breach = { day: true, tokens: day.tokens, costUsd: day.costUsd };
    const target = { kind: 'budget' as const, id: day.budget.id, label: `daily budget${where}` };
    const event = { scope: 'day' as const, sessionId: null, jobId: null, message };
    if (!(await this.actOnce(day.budget, breach, event, target)) || !abort) return;
    const gatewayId = day.budget.gateway_id ?? undefined;
    const running = await listAgentSessions(db, { status: 'running', limit: 500, gatewayId });
    for (const s of running.rows) {
      await enqueueCommand(
        db,
        'session.abort',
        { sessionId: s.id, reason: message },
        { actor, target: { kind: 'agent_session', id: s.id, label: s.agent_name }, gatewayId: s.gateway_id },
      );
    }
  }

  /**
   * Records a breach once: its event, and for a warning its activity entry, in the transaction that records it.
   * False when it was recorded before (nothing is done again).
   */
  private async actOnce(
    budget: BudgetRow,
    breach: Omit<Parameters<typeof recordBudgetBreach>[1], 'budgetId' | 'action'>,
    event: Omit<EventPayload<'budget.exceeded'>, 'budgetId' | 'action'>,
    target: ActivityTarget,
  ): Promise<boolean> {
    const { db, logger } = this.opts;
    const { action } = budget;
    const acted = await db.transaction(async (tx) => {
      if (!(await recordBudgetBreach(tx, { budgetId: budget.id, ...breach, action }))) return false;
      await appendEvent(
        tx,
        event.sessionId ? channelFor.session(event.sessionId) : channelFor.system(),
        'budget.exceeded',
        { budgetId: budget.id, ...event, action },
      );
      if (action !== 'abort')
        await recordActivity(tx, {
          actor,
          action: 'budget.warn',
          target,
          outcome: 'warned',
          error: event.message,
          gatewayId: budget.gateway_id, // a gateway's daily budget; else the session's (its target)
        });
      return true;
    });
    if (acted) logger.warn(`budgets: ${event.message}`);
    return acted;
  }
}
