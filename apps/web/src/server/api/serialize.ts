import 'server-only';
// Database rows → the API's shapes (packages/core/src/api). One place, so every route answers alike.
import type { z } from 'zod';
import type {
  activityEntry,
  agentLog,
  agentSession,
  apiToken,
  budget,
  cronJob,
  cronRun,
  gtmOutput,
  gtmOutputDetail,
  gtmRevision,
  webhook,
  webhookDelivery,
} from '@agent-studio/core/api';
import type {
  ActivityListRow,
  AgentLogRow,
  AgentSessionRow,
  ApiTokenRow,
  BudgetRow,
  CommandRow,
  CronJobRow,
  CronRunRow,
  GtmOutputRow,
  GtmRevisionRow,
  WebhookDeliveryRow,
  WebhookRow,
} from '@agent-studio/database';
import { nextRunOf, scheduleInWords } from '@/lib/schedule';
import { describeRunFailure } from '@agent-studio/core/failures/run-failure';
import { gatewayOf, type GatewayNames } from '../gateway-names';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toCronJob(j: CronJobRow, gateways: GatewayNames): z.infer<typeof cronJob> {
  const next = j.removed_at ? null : nextRunOf(j);
  return {
    id: j.id,
    name: j.name,
    gateway: gatewayOf(gateways, j.gateway_id),
    schedule: j.schedule,
    scheduleInWords: scheduleInWords(j),
    timezone: j.timezone,
    enabled: j.enabled,
    category: j.category,
    description: j.description,
    command: j.command,
    source: j.source,
    lastRun:
      j.last_run_at && j.last_status
        ? {
            status: j.last_status as 'success' | 'failed' | 'running' | 'cancelled',
            at: j.last_run_at.toISOString(),
            duration: j.last_duration_ms,
          }
        : null,
    lastError: j.last_error,
    nextRun: iso(next),
    recentRuns: j.recent_runs,
    removed: j.removed_at !== null,
    pausedReason: j.enabled ? null : j.paused_reason,
  };
}

/** `job_name`, when the caller has it, goes into the failure's advice. */
export function toCronRun(
  r: CronRunRow & { job_name?: string | null },
  gateways: GatewayNames,
): z.infer<typeof cronRun> {
  return {
    id: r.id,
    jobId: r.job_id,
    gateway: gatewayOf(gateways, r.gateway_id),
    startedAt: r.started_at.toISOString(),
    finishedAt: iso(r.finished_at),
    status: r.status,
    duration: r.duration_ms,
    outputFiles: r.output_files ?? [],
    triggerType: r.trigger_type,
    summary: r.summary,
    error: r.error,
    exitCode: r.exit_code,
    memoryPeakMb: r.memory_peak_mb,
    tokenUsage: r.token_usage,
    costUsd: r.cost_usd,
    suspiciousReason: r.suspicious_reason,
    failure: describeRunFailure(r, r.job_name),
  };
}

export function toGtmOutput(
  o: GtmOutputRow & { headline?: string | null },
  gateways: GatewayNames,
): z.infer<typeof gtmOutput> {
  return {
    id: o.id,
    gateway: gatewayOf(gateways, o.gateway_id),
    title: o.title,
    contentType: o.content_type,
    status: o.status,
    priority: o.priority,
    tags: o.tags ?? [],
    sourceJobId: o.source_job_id,
    sourceRunId: o.source_run_id,
    sourceSessionId: o.source_session_id,
    sourceFilePath: o.source_file_path,
    scheduledFor: iso(o.scheduled_for),
    scheduledUrl: o.scheduled_url,
    publishedAt: iso(o.published_at),
    publishedUrl: o.published_url,
    revision: o.revision,
    createdAt: o.created_at.toISOString(),
    updatedAt: o.updated_at.toISOString(),
    ...(o.headline !== undefined ? { headline: o.headline } : {}),
  };
}

export function toGtmDetail(o: GtmOutputRow, gateways: GatewayNames): z.infer<typeof gtmOutputDetail> {
  return {
    ...toGtmOutput(o, gateways),
    contentMd: o.content_md,
    contentHtml: o.content_html,
    diskMd: o.disk_md,
    importProblem: o.import_problem,
    metrics: o.metrics,
  };
}

export function toGtmRevision(r: GtmRevisionRow): z.infer<typeof gtmRevision> {
  return {
    revision: r.revision,
    author: { kind: r.author_kind, id: r.author_id, name: r.author_name },
    restoredFrom: r.restored_from,
    length: r.length,
    createdAt: r.created_at.toISOString(),
  };
}

export function toSession(s: AgentSessionRow, gateways: GatewayNames): z.infer<typeof agentSession> {
  return {
    id: s.id,
    gateway: gatewayOf(gateways, s.gateway_id),
    agentName: s.agent_name,
    agentType: s.agent_type,
    status: s.status,
    sessionKey: s.session_key,
    parentSessionId: s.parent_session_id,
    swarmId: s.swarm_id,
    spawnDepth: s.spawn_depth,
    taskDescription: s.task_description,
    progressPercent: s.progress_percent,
    progressMessage: s.progress_message,
    startedAt: s.started_at.toISOString(),
    lastActivityAt: s.last_activity_at.toISOString(),
    completedAt: iso(s.completed_at),
    tokenUsage: s.token_usage,
    costUsd: s.cost_usd,
    model: s.model,
    cronJobId: s.cron_job_id,
    continuedBy: s.continued_by,
    removedAt: iso(s.removed_at),
    archivedAt: iso(s.archived_at),
    archiveReason: s.archive_reason,
  };
}

export function toLog(l: AgentLogRow): z.infer<typeof agentLog> {
  return {
    id: l.id,
    seq: l.seq,
    level: l.level,
    message: l.message,
    toolName: l.tool_name,
    toolInput: l.tool_input,
    toolOutput: l.tool_output,
    toolDurationMs: l.tool_duration_ms,
    timestamp: l.timestamp.toISOString(),
  };
}

export function toApiToken(t: ApiTokenRow): z.infer<typeof apiToken> {
  return {
    id: t.id,
    name: t.name,
    scopes: t.scopes,
    createdAt: t.created_at.toISOString(),
    expiresAt: iso(t.expires_at),
    lastUsedAt: iso(t.last_used_at),
    revokedAt: iso(t.revoked_at),
  };
}

export function toWebhook(w: WebhookRow): z.infer<typeof webhook> {
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    eventTypes: w.event_types,
    enabled: w.enabled,
    allowPrivateNetwork: w.allow_private_network,
    createdAt: w.created_at.toISOString(),
  };
}

export function toWebhookDelivery(d: WebhookDeliveryRow): z.infer<typeof webhookDelivery> {
  return {
    id: d.id,
    eventType: d.event_type,
    status: d.status,
    attempts: d.attempts,
    responseStatus: d.response_status,
    error: d.error,
    createdAt: d.created_at.toISOString(),
    lastAttemptAt: iso(d.last_attempt_at),
    nextAttemptAt: d.status === 'pending' ? d.next_attempt_at.toISOString() : null,
    deliveredAt: iso(d.delivered_at),
  };
}

export function toActivity(a: ActivityListRow): z.infer<typeof activityEntry> {
  return {
    id: a.id,
    actor: { kind: a.actor_kind, name: a.actor_name },
    action: a.action,
    target: a.target_kind ? { kind: a.target_kind, id: a.target_id, label: a.target_label } : null,
    detail: a.detail,
    outcome: a.outcome,
    error: a.error,
    commandId: a.command_id,
    ranBy: a.ran_by,
    createdAt: a.created_at.toISOString(),
    finishedAt: iso(a.finished_at),
  };
}

export function toBudget(b: BudgetRow, names: GatewayNames): z.infer<typeof budget> {
  return {
    id: b.id,
    scope: b.scope,
    target: b.target,
    gateway: b.gateway_id ? gatewayOf(names, b.gateway_id) : null,
    maxTokens: b.max_tokens,
    maxCostUsd: b.max_cost_usd,
    action: b.action,
    updatedAt: b.updated_at.toISOString(),
  };
}

/** A command's state, for an action that answers before (or without) its result. */
export const queued = (c: CommandRow) => ({ commandId: c.id, status: c.status, error: c.error });
