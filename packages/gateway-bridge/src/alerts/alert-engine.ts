// The alert engine (issue 19): asks each enabled rule of the registry what is open now, and keeps one incident
// per rule: opened when the rule finds something, updated when it finds more (told at most every
// `updateEveryMs`, so 50 failures are one message and perhaps a follow-up, never 50), resolved when it finds
// nothing. Each message goes to the rule's channels as deliveries the delivery worker sends. Quiet hours hold
// messages back: an incident still open when they end is told then; one that opened and ended within them is
// not told at all. It runs in the bridge, so alerts work while the gateway, or every browser, is away.
// Like the budget watcher, it asks the database only when the outbox moved, when a rule said a condition opens
// with time (the gateway away for N minutes), or once a minute.
import {
  alertRules,
  createApprovalLink,
  enqueueIncidentMessage,
  getOpenIncident,
  listAlertRuleSettings,
  listResolvedToNotify,
  openAlertIncident,
  resolveAlertIncident,
  updateAlertIncident,
  type AlertIncidentRow,
  type AlertRule,
  type AlertRuleSettings,
  type Db,
  type OpenItem,
  type Queryable,
} from '@agent-studio/database';
import type { Logger } from '../logger';
import { OutboxWatch } from '../outbox-watch';
import { incidentMessage, listedItems } from './message';
import { inQuietHours } from './quiet-hours';

const TICK_MS = 1_000;

export interface AlertEngineOptions {
  db: Db;
  logger: Logger;
  /** How often it considers a pass (a pass itself only when something may have changed). */
  tickMs?: number;
  /** The least time between two "still open" messages about one incident (default 10 minutes). */
  updateEveryMs?: number;
  /** The studio's address for links in messages (STUDIO_PUBLIC_URL). */
  publicUrl?: string;
}

export class AlertEngine extends OutboxWatch {
  constructor(private readonly opts: AlertEngineOptions) {
    super({ db: opts.db, logger: opts.logger, everyMs: opts.tickMs ?? TICK_MS, failure: 'alerts: evaluation skipped' });
  }

  /**
   * One evaluation of every rule (exported for tests: `await engine.pass()`); resolves to when a rule said a condition
   * opens with time (Infinity when none does).
   */
  async pass(now = new Date()): Promise<number> {
    const { db } = this.opts;
    const settings = await listAlertRuleSettings(db);
    let nextDueAt = Infinity;
    for (const rule of alertRules) {
      const s = settings.find((r) => r.kind === rule.kind)!;
      try {
        const due = await this.evaluate(rule, s, now);
        if (due) nextDueAt = Math.min(nextDueAt, due.getTime());
      } catch (err) {
        this.opts.logger.warn(`alerts: rule ${rule.kind} could not be evaluated`, err);
      }
    }
    for (const incident of await listResolvedToNotify(db)) {
      const s = settings.find((r) => r.kind === incident.rule_kind);
      if (s?.enabled && inQuietHours(s.quiet_hours, now)) continue;
      const message = { kind: 'resolved' as const, ...incidentMessage(incident, 'resolved', this.opts.publicUrl) };
      await db.transaction((tx) => enqueueIncidentMessage(tx, incident, s?.enabled ? s.channel_ids : [], message));
    }
    return nextDueAt;
  }

  /**
   * A waiting approval's message opens it in the inbox: a one-time link (sign-in still needed) per approval
   * listed, made with the message. Only where the studio's public address is known.
   */
  private async itemLinks(tx: Queryable, rule: AlertRule, incident: AlertIncidentRow) {
    const studioUrl = this.opts.publicUrl;
    if (rule.kind !== 'approval_waiting' || !studioUrl) return undefined;
    const links = new Map<string, string>();
    for (const item of listedItems(incident.items))
      links.set(item.key, (await createApprovalLink(tx, { approvalId: item.key, studioUrl })).url);
    return links;
  }

  /** Brings one rule's incident up to date; returns when the rule should be asked again regardless of events. */
  private async evaluate(rule: AlertRule, s: AlertRuleSettings, now: Date): Promise<Date | null> {
    const { db } = this.opts;
    const open = await getOpenIncident(db, rule.kind);
    if (!s.enabled) {
      // turned off: its incident ends without a message
      if (open)
        await db.transaction(async (tx) => {
          await resolveAlertIncident(tx, open);
          await enqueueIncidentMessage(tx, open, [], { kind: 'resolved', title: '', body: '' });
        });
      return null;
    }
    const params = rule.params.parse(s.params);
    const items = await rule.findOpen(db, params, now);
    const quiet = inQuietHours(s.quiet_hours, now);
    await db.transaction(async (tx) => {
      let incident: AlertIncidentRow | null = null;
      if (items.length)
        incident = open
          ? await updateAlertIncident(tx, open, rule.summary(items), items)
          : await openAlertIncident(tx, rule.kind, rule.summary(items), items);
      else if (open) await resolveAlertIncident(tx, open);
      if (!incident || quiet || incident.revision <= incident.notified_revision) return;
      const first = incident.notified_revision === 0;
      const lastTold = incident.last_notified_at ? new Date(incident.last_notified_at).getTime() : 0;
      if (!first && now.getTime() - lastTold < (this.opts.updateEveryMs ?? 600_000)) return;
      const kind = first ? 'opened' : 'updated';
      await enqueueIncidentMessage(tx, incident, s.channel_ids, {
        kind,
        ...incidentMessage(incident, kind, this.opts.publicUrl, await this.itemLinks(tx, rule, incident)),
      });
    });
    return items.length ? null : ((await rule.opensAt?.(db, params, now)) ?? null);
  }
}

export type { OpenItem };
