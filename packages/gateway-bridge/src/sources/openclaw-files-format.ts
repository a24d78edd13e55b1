// The file stores of OpenClaw before 2026.6.1 (see OPENCLAW.md and openclaw-lab/examples/legacy-2026.5.28),
// read into the same shapes the gateway mirror translates, so both paths land on the same rows (source
// 'openclaw', OpenClaw's own ids): an old gateway and its files describe one thing once.
import { z } from 'zod';
import type { AgentLogInput } from '@agent-studio/database';
import {
  cronJobSchema,
  cronRunSchema,
  sessionRowSchema,
  type OcCronJob,
  type OcCronRun,
  type OcSession,
} from '../mirror/schemas';
import { messageLog, messageText } from '../mirror/translate';

/** The first OpenClaw that keeps its state in SQLite: older ones are read from files. */
export const FILES_BEFORE = '2026.6.1';

/** `a < b` for OpenClaw's calendar versions (2026.5.28, 2026.9.6-beta.1, ...). */
export function versionBefore(a: string, b: string): boolean {
  const parts = (v: string) =>
    v
      .replace(/^v/, '')
      .split(/[.-]/)
      .map((p) => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0);
  return false;
}

/**
 * Whether to read the files: `on`/`off` as configured; `auto` when no gateway is configured, or the one
 * that answered is older than 2026.6.1 (a newer one's leftover files are stale).
 */
export function shouldReadFiles(
  mode: 'auto' | 'on' | 'off',
  gateway: { configured: boolean; version: string | null },
): boolean {
  if (mode !== 'auto') return mode === 'on';
  if (!gateway.configured) return true;
  return gateway.version !== null && versionBefore(gateway.version, FILES_BEFORE);
}

const jobsFile = z.object({ jobs: z.array(z.unknown()) }).loose();
const jobsStateFile = z
  .object({ jobs: z.record(z.string(), z.object({ state: z.record(z.string(), z.unknown()).default({}) }).loose()) })
  .loose();

/** cron/jobs.json, with each job's state from cron/jobs-state.json where OpenClaw kept it apart. */
export function parseJobs(jobsJson: unknown, stateJson: unknown): { jobs: OcCronJob[]; skipped: number } {
  const states = jobsStateFile.safeParse(stateJson);
  const jobs: OcCronJob[] = [];
  let skipped = 0;
  for (const raw of jobsFile.parse(jobsJson).jobs) {
    const id = (raw as { id?: unknown })?.id;
    const state = states.success && typeof id === 'string' ? states.data.jobs[id]?.state : undefined;
    const job = cronJobSchema.safeParse(
      state ? { ...(raw as object), state: { ...((raw as { state?: object }).state ?? {}), ...state } } : raw,
    );
    if (job.success) jobs.push(job.data);
    else skipped++;
  }
  return { jobs, skipped };
}

/** A line of cron/runs/<jobId>.jsonl: only finished runs are logged there. */
export function parseRunLine(value: unknown): (OcCronRun & { sessionId?: string | null }) | null {
  const line = cronRunSchema.extend({ action: z.string().nullish(), sessionId: z.string().nullish() }).safeParse(value);
  if (!line.success || (line.data.action && line.data.action !== 'finished')) return null;
  return line.data;
}

const sessionEntry = z
  .object({
    sessionId: z.string().nullish(),
    sessionStartedAt: z.number().nullish(),
    startedAt: z.number().nullish(),
    status: z.string().nullish(),
  })
  .loose();

/** agents/<agentId>/sessions/sessions.json: session key → entry. Entries that cannot be read are skipped. */
export function parseSessions(json: unknown, agentId: string): OcSession[] {
  const out: OcSession[] = [];
  for (const [key, raw] of Object.entries(z.record(z.string(), z.unknown()).parse(json))) {
    const e = sessionEntry.safeParse(raw);
    if (!e.success) continue;
    const s = sessionRowSchema.safeParse({
      ...e.data,
      key,
      agentId,
      createdAt: e.data.sessionStartedAt ?? e.data.startedAt,
      parentSessionKey: (e.data as { spawnedBy?: unknown }).spawnedBy,
      hasActiveRun: e.data.status === 'running',
    });
    if (s.success) out.push(s.data);
  }
  return out;
}

const part = z
  .object({ type: z.string(), id: z.string().nullish(), name: z.string().nullish(), arguments: z.unknown() })
  .loose();
const transcriptLine = z
  .object({
    type: z.string(),
    id: z.string().nullish(),
    timestamp: z.string().nullish(),
    message: z
      .object({
        role: z.string(),
        content: z.unknown(),
        timestamp: z.number().nullish(),
        toolCallId: z.string().nullish(),
        toolName: z.string().nullish(),
        isError: z.boolean().nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();

/** One transcript line → the log lines it holds (a message, its tool calls, a tool's result). */
export function transcriptLogs(value: unknown): AgentLogInput[] {
  const line = transcriptLine.safeParse(value);
  if (!line.success || line.data.type !== 'message' || !line.data.message || !line.data.id) return [];
  const m = line.data.message;
  const at = m.timestamp ?? (line.data.timestamp ? Date.parse(line.data.timestamp) : null);
  const timestamp = new Date(at ?? Date.now());
  if (m.role === 'toolResult') {
    if (!m.toolCallId) return [];
    return [
      {
        externalId: `tool:${m.toolCallId}`,
        level: m.isError ? 'error' : 'info',
        message: `tool ${m.toolName ?? ''} (result)`.trim(),
        timestamp,
        toolName: m.toolName ?? null,
        toolOutput: messageText(m.content),
      },
    ];
  }
  const out: AgentLogInput[] = [];
  if (messageText(m.content)) out.push(messageLog(line.data.id, m.role, m.content, at));
  for (const p of Array.isArray(m.content) ? m.content : []) {
    const call = part.safeParse(p);
    if (call.success && call.data.type === 'toolCall' && call.data.id && call.data.name) {
      out.push({
        externalId: `tool:${call.data.id}`,
        level: 'info',
        message: `tool ${call.data.name}`,
        timestamp,
        toolName: call.data.name,
        toolInput: call.data.arguments,
      });
    }
  }
  return out;
}
