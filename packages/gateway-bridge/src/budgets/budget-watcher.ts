// Watches what running sessions spend against the owner's budgets (per job run, per agent session, per UTC
// day). Over budget with action 'abort': the session is aborted through the gateway (a `session.abort`
// command, so the outcome lands in the activity log like any other action) and a job is paused; with
// 'warn': the studio only says so. Each breach is acted on once (budget_breaches). Spending changes only
// with an event (usage mirrored, budget set), so a check is skipped while the outbox has not moved.
import { budgetWatcherActor as actor, channelFor, type EventPayload } from '@agent-studio/core';
import {
  appendEvent,
  enqueueCommand,
  findDayBreach,
  findSessionBreaches,
  getCronJob,
  listAgentSessions,
  recordActivity,
  recordBudgetBreach,
  type BudgetRow,
  type Db,
  type SessionBreach,
  type Tx,
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
    const day = await findDayBreach(this.opts.db);
    if (day) await this.onDay(day);
  }

  private async onSession(b: SessionBreach) {
    const { db, logger } = this.opts;
    const job = b.cronJobId ? await getCronJob(db, b.cronJobId) : null;
    const whose = b.budget.scope === 'job' ? `job “${job?.name ?? b.budget.target}”` : `agent “${b.budget.target}”`;
    const abort = b.budget.action === 'abort';
    const message = `${b.agentName} passed the budget of ${whose} (${limitText(b.budget)}; spent ${spentText(b.tokens, b.costUsd)})${abort ? (b.running ? ': stopping it.' : '.') : ': warning only.'}`;
    const acted = await db.transaction(async (tx) => {
      if (
        !(await recordBudgetBreach(tx, {
          budgetId: b.budget.id,
          sessionId: b.sessionId,
          tokens: b.tokens,
          costUsd: b.costUsd,
          action: b.budget.action,
        }))
      )
        return false;
      await this.announce(tx, {
        budgetId: b.budget.id,
        scope: b.budget.scope,
        sessionId: b.sessionId,
        jobId: job?.id ?? null,
        action: b.budget.action,
        message,
      });
      if (!abort)
        await recordActivity(tx, {
          actor,
          action: 'budget.warn',
          target: { kind: 'agent_session', id: b.sessionId, label: b.agentName },
          outcome: 'warned',
          error: message,
        });
      return true;
    });
    if (!acted) return;
    logger.warn(`budgets: ${message}`);
    if (!abort) return;
    const reason = `Paused by its budget: ${message}`;
    if (b.running)
      await enqueueCommand(
        db,
        'session.abort',
        { sessionId: b.sessionId, reason: message },
        { actor, target: { kind: 'agent_session', id: b.sessionId, label: b.agentName } },
      );
    if (b.budget.scope === 'job' && job?.enabled)
      await enqueueCommand(
        db,
        'cron.setEnabled',
        { jobId: job.id, enabled: false, reason },
        { actor, target: { kind: 'cron_job', id: job.id, label: job.name } },
      );
  }

  private async onDay(day: { budget: BudgetRow; tokens: number; costUsd: number }) {
    const { db, logger } = this.opts;
    const abort = day.budget.action === 'abort';
    const message = `Today's spending passed the daily budget (${limitText(day.budget)}; spent ${spentText(day.tokens, day.costUsd)})${abort ? ': stopping every running session.' : ': warning only.'}`;
    const acted = await db.transaction(async (tx) => {
      if (
        !(await recordBudgetBreach(tx, {
          budgetId: day.budget.id,
          day: true,
          tokens: day.tokens,
          costUsd: day.costUsd,
          action: day.budget.action,
        }))
      )
        return false;
      await this.announce(tx, {
        budgetId: day.budget.id,
        scope: 'day',
        sessionId: null,
        jobId: null,
        action: day.budget.action,
        message,
      });
      if (!abort)
        await recordActivity(tx, {
          actor,
          action: 'budget.warn',
          target: { kind: 'budget', id: day.budget.id, label: 'daily budget' },
          outcome: 'warned',
          error: message,
        });
      return true;
    });
    if (!acted) return;
    logger.warn(`budgets: ${message}`);
    if (!abort) return;
    const running = await listAgentSessions(db, { status: 'running', limit: 500 });
    for (const s of running.rows) {
      await enqueueCommand(
        db,
        'session.abort',
        { sessionId: s.id, reason: message },
        { actor, target: { kind: 'agent_session', id: s.id, label: s.agent_name } },
      );
    }
  }

  private announce(tx: Tx, payload: EventPayload<'budget.exceeded'>) {
    return appendEvent(
      tx,
      payload.sessionId ? channelFor.session(payload.sessionId) : channelFor.system(),
      'budget.exceeded',
      payload,
    );
  }
}
