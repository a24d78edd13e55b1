// OpenClaw's exec and plugin approvals, mirrored for the inbox. Live: `exec.approval.requested|resolved` and
// `plugin.approval.requested|resolved` (2026.9.6 sends them to clients with the `approvals` cap). After every
// (re)connect, `exec.approval.list` / `plugin.approval.list`: what is listed is recorded, what is pending here and
// no longer listed has ended (answered while the bridge was away, or the gateway restarted: OpenClaw keeps
// pending approvals in memory). An approval whose time ran out is ended here too: the gateway says nothing then.
import {
  expireApprovals,
  nextApprovalExpiry,
  recordApprovalRequested,
  recordApprovalResolved,
  type ApprovalDecision,
  type ApprovalInput,
  type ApprovalKind,
} from '@agent-studio/database';
import { z } from 'zod';
import type { GatewayEvent } from '../gateway/client';
import { SOURCE } from '../mirror/translate';
import type { GatewaySourceOptions } from '../of-gateway';
import { SerialQueue } from './serial-queue';

const DECISIONS = ['allow-once', 'allow-always', 'deny'] as const;
const decisionSchema = z.enum(DECISIONS);
// the longest wait before pending approvals are checked for expiry (sooner when one expires sooner)
const EXPIRY_CHECK_MAX_MS = 60_000;

const requestSchema = z
  .object({
    // exec
    command: z.string().nullish(),
    commandPreview: z.string().nullish(),
    cwd: z.string().nullish(),
    unavailableDecisions: z.array(z.string()).nullish(),
    // plugin
    title: z.string().nullish(),
    description: z.string().nullish(),
    pluginId: z.string().nullish(),
    toolName: z.string().nullish(),
    // both
    allowedDecisions: z.array(z.string()).nullish(),
    agentId: z.string().nullish(),
    sessionKey: z.string().nullish(),
  })
  .loose();

/** A pending approval as `*.approval.requested` and `*.approval.list` give it. */
export const approvalRecordSchema = z
  .object({
    id: z.string().min(1),
    request: requestSchema,
    createdAtMs: z.number().nullish(),
    expiresAtMs: z.number().nullish(),
  })
  .loose();

export const approvalResolvedSchema = z
  .object({
    id: z.string().min(1),
    decision: decisionSchema,
    resolvedBy: z.string().nullish(),
    ts: z.number().nullish(),
    request: requestSchema.nullish(),
  })
  .loose();

/** What the studio keeps of an approval (the fields the inbox shows, and the request as sent). */
export function approvalInput(
  kind: ApprovalKind,
  r: { id: string; request: z.infer<typeof requestSchema>; createdAtMs?: number | null; expiresAtMs?: number | null },
  now = Date.now(),
): Omit<ApprovalInput, 'source' | 'externalId'> {
  const q = r.request;
  const offered = q.allowedDecisions?.filter((d): d is ApprovalDecision => decisionSchema.safeParse(d).success);
  const unavailable = new Set(q.unavailableDecisions ?? []);
  const title =
    kind === 'exec'
      ? (q.command ?? q.commandPreview ?? '(command not given)')
      : (q.title ?? [q.pluginId, q.toolName].filter(Boolean).join(' · ') ?? 'Plugin approval');
  return {
    kind,
    title: title || 'Plugin approval',
    description: kind === 'exec' ? (q.cwd ?? null) : (q.description ?? null),
    agentId: q.agentId ?? null,
    sessionKey: q.sessionKey ?? null,
    allowedDecisions: offered?.length ? offered : DECISIONS.filter((d) => !unavailable.has(d)),
    request: q as Record<string, unknown>,
    requestedAt: new Date(r.createdAtMs ?? now),
    expiresAt: r.expiresAtMs ? new Date(r.expiresAtMs) : null,
  };
}

const kindOfEvent = (event: string): { kind: ApprovalKind; phase: 'requested' | 'resolved' } | null => {
  const m = /^(exec|plugin)\.approval\.(requested|resolved)$/.exec(event);
  return m ? { kind: m[1] as ApprovalKind, phase: m[2] as 'requested' | 'resolved' } : null;
};

export class ApprovalsSource {
  private readonly queue = new SerialQueue((err) => this.opts.logger.warn('approvals: a step failed', err));
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly opts: GatewaySourceOptions) {}

  start(): void {
    const { client } = this.opts;
    client.on('event', this.onEvent);
    client.on('hello', this.onHello);
    if (client.connected) this.onHello();
    this.scheduleExpiry(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.opts.client.off('event', this.onEvent);
    this.opts.client.off('hello', this.onHello);
    if (this.timer) clearTimeout(this.timer);
    await this.idle();
  }

  /** Resolves once everything received so far is written. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private enqueue(job: () => Promise<void>) {
    this.queue.add(job);
  }

  private readonly onHello = () => this.enqueue(() => this.reconcile());

  private readonly onEvent = (e: GatewayEvent) => {
    const which = kindOfEvent(e.event);
    if (which) this.enqueue(() => this.handle(which.kind, which.phase, e.payload));
  };

  private async handle(kind: ApprovalKind, phase: 'requested' | 'resolved', payload: unknown) {
    const { db, logger, gatewayId } = this.opts;
    if (phase === 'requested') {
      const parsed = approvalRecordSchema.safeParse(payload);
      if (!parsed.success) return logger.warn(`approvals: a ${kind} approval request not understood`, parsed.error);
      await db.transaction((tx) =>
        recordApprovalRequested(tx, {
          ...approvalInput(kind, parsed.data),
          gatewayId,
          source: SOURCE,
          externalId: parsed.data.id,
        }),
      );
      this.scheduleExpiry(0);
      return;
    }
    const parsed = approvalResolvedSchema.safeParse(payload);
    if (!parsed.success) return logger.warn(`approvals: a ${kind} approval answer not understood`, parsed.error);
    const r = parsed.data;
    await db.transaction((tx) =>
      recordApprovalResolved(tx, {
        gatewayId,
        source: SOURCE,
        externalId: r.id,
        decision: r.decision,
        resolvedBy: r.resolvedBy ?? null,
        at: new Date(r.ts ?? Date.now()),
        request: r.request ? approvalInput(kind, { id: r.id, request: r.request }) : undefined,
      }),
    );
  }

  /** Every pending approval the gateway lists is recorded; those it no longer has end. */
  private async reconcile() {
    const gw = this.opts.calls();
    if (!gw) return;
    for (const kind of ['exec', 'plugin'] as const) {
      const method = `${kind}.approval.list`;
      if (!gw.supports(method)) continue;
      const listed = z.array(approvalRecordSchema).safeParse(await gw.request(method, {}));
      if (!listed.success) {
        this.opts.logger.warn(`approvals: ${method} not understood`, listed.error);
        continue;
      }
      const { gatewayId } = this.opts;
      await this.opts.db.transaction(async (tx) => {
        for (const a of listed.data)
          await recordApprovalRequested(tx, { ...approvalInput(kind, a), gatewayId, source: SOURCE, externalId: a.id });
        await expireApprovals(tx, { gatewayId, source: SOURCE, kind, listed: listed.data.map((a) => a.id) });
      });
    }
    this.scheduleExpiry(0);
  }

  /** Ends the approvals whose time ran out, then waits for the next one to (bounded). */
  private scheduleExpiry(inMs: number) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () =>
        this.enqueue(async () => {
          const { db, gatewayId } = this.opts;
          await db.transaction((tx) => expireApprovals(tx, { gatewayId, source: SOURCE }));
          const next = await nextApprovalExpiry(db);
          const wait = next ? Math.max(100, next.getTime() - Date.now() + 50) : EXPIRY_CHECK_MAX_MS;
          this.scheduleExpiry(Math.min(wait, EXPIRY_CHECK_MAX_MS));
        }),
      inMs,
    );
    this.timer.unref();
  }
}
