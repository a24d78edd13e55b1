// What the mirror reads from the gateway, checked at the boundary (seen on 2026.9.6; see openclaw-lab/examples).
// Lenient: OpenClaw adds fields between versions, and an unknown field must never drop a record.
import { z } from 'zod';

const ms = z.number().nullish();

export const cronJobSchema = z
  .object({
    id: z.string(),
    name: z.string().nullish(),
    description: z.string().nullish(),
    enabled: z.boolean().default(true),
    agentId: z.string().nullish(),
    schedule: z
      .object({
        kind: z.enum(['cron', 'every', 'at']),
        expr: z.string().nullish(),
        tz: z.string().nullish(),
        everyMs: z.number().nullish(),
        at: z.union([z.string(), z.number()]).nullish(),
        atMs: z.number().nullish(),
      })
      .loose(),
    payload: z
      .object({
        kind: z.string(),
        message: z.string().nullish(),
        text: z.string().nullish(),
        command: z.string().nullish(),
      })
      .loose()
      .default({ kind: 'unknown' }),
    state: z.object({ nextRunAtMs: ms, runningAtMs: ms, consecutiveErrors: z.number().nullish() }).loose().default({}),
    nextRunAtMs: ms,
  })
  .loose();
export type OcCronJob = z.infer<typeof cronJobSchema>;

export const cronRunSchema = z
  .object({
    jobId: z.string(),
    runId: z.string().nullish(),
    runAtMs: z.number(),
    ts: ms,
    status: z.string().nullish(),
    completionStatus: z.string().nullish(),
    error: z.string().nullish(),
    errorReason: z.string().nullish(),
    summary: z.string().nullish(),
    durationMs: ms,
    sessionKey: z.string().nullish(),
    sessionId: z.string().nullish(),
    model: z.string().nullish(),
    provider: z.string().nullish(),
    usage: z
      .object({
        input_tokens: z.number().nullish(),
        output_tokens: z.number().nullish(),
        total_tokens: z.number().nullish(),
        cache_read_tokens: z.number().nullish(),
        cache_write_tokens: z.number().nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();
export type OcCronRun = z.infer<typeof cronRunSchema>;

export const cronRunsPageSchema = z
  .object({ entries: z.array(z.unknown()), hasMore: z.boolean().nullish(), nextOffset: z.number().nullish() })
  .loose();

export const cronEventSchema = z
  .object({ jobId: z.string(), action: z.string(), job: z.unknown().optional(), runAtMs: ms })
  .loose();

export const sessionRowSchema = z
  .object({
    key: z.string(),
    sessionId: z.string().nullish(),
    agentId: z.string().nullish(),
    label: z.string().nullish(),
    displayName: z.string().nullish(),
    derivedTitle: z.string().nullish(),
    classification: z.string().nullish(),
    spawnedBy: z.string().nullish(),
    parentSessionKey: z.string().nullish(),
    spawnDepth: z.number().nullish(),
    childSessions: z.array(z.string()).nullish(),
    status: z.string().nullish(),
    hasActiveRun: z.boolean().nullish(),
    abortedLastRun: z.boolean().nullish(),
    createdAt: ms,
    updatedAt: ms,
    startedAt: ms,
    endedAt: ms,
    inputTokens: z.number().nullish(),
    cacheRead: z.number().nullish(),
    cacheWrite: z.number().nullish(),
    outputTokens: z.number().nullish(),
    totalTokens: z.number().nullish(),
    estimatedCostUsd: z.number().nullish(),
    model: z.string().nullish(),
    modelProvider: z.string().nullish(),
    lastMessagePreview: z.string().nullish(),
    // 2026.9.6: every row says whether it is archived; an archived one since when and why
    archived: z.boolean().nullish(),
    archivedAt: ms,
    archiveReason: z.string().nullish(),
  })
  .loose();
export type OcSession = z.infer<typeof sessionRowSchema>;

/** `system-presence` answers an array; a `presence` event carries it under `presence` (or is one entry). */
const presenceEntry = z
  .object({
    host: z.string().nullish(),
    mode: z.string().nullish(),
    version: z.string().nullish(),
    platform: z.string().nullish(),
    reason: z.string().nullish(),
    instanceId: z.string().nullish(),
    ts: ms,
  })
  .loose();
export const presenceSchema = z.union([
  z.array(presenceEntry),
  z.object({ presence: z.array(presenceEntry) }).transform((p) => p.presence),
  presenceEntry.transform((p) => [p]),
]);
export type OcPresence = z.infer<typeof presenceSchema>;

export const agentEventSchema = z
  .object({
    runId: z.string().nullish(),
    sessionKey: z.string(),
    stream: z.string(),
    data: z.record(z.string(), z.unknown()).default({}),
    seq: z.number().nullish(),
    ts: ms,
  })
  .loose();

/** A chat message as `session.message` events and `chat.history` give it (2026.9.6). */
export const chatMessageSchema = z
  .object({
    role: z.string(),
    content: z.unknown(),
    timestamp: ms,
    provenance: z.object({ kind: z.string().nullish(), sourceTool: z.string().nullish() }).loose().nullish(),
    // an assistant message's model usage: the only live usage while a run is in progress
    usage: z
      .object({
        input: z.number().nullish(),
        output: z.number().nullish(),
        cacheRead: z.number().nullish(),
        cacheWrite: z.number().nullish(),
        totalTokens: z.number().nullish(),
        cost: z.object({ total: z.number().nullish() }).loose().nullish(),
      })
      .loose()
      .nullish(),
    // a model call that failed (a 429, a context overflow): stopReason 'error' and the provider's words
    stopReason: z.string().nullish(),
    errorMessage: z.string().nullish(),
    // a tool result (role 'toolResult') the tool marked as failed
    isError: z.boolean().nullish(),
    toolName: z.string().nullish(),
    toolCallId: z.string().nullish(),
    customType: z.string().nullish(),
    // kind 'reset': the marker OpenClaw writes where a reset began the session anew (`/new`, `sessions.reset`)
    __openclaw: z.object({ id: z.string().nullish(), kind: z.string().nullish() }).loose().nullish(),
  })
  .loose();

export const sessionMessageSchema = z
  .object({ sessionKey: z.string(), messageId: z.string().nullish(), message: chatMessageSchema })
  .loose();

/** `chat.history`'s answer: the transcript of the session `sessionId` (none when the gateway offers none). */
export const chatHistorySchema = z
  .object({ sessionId: z.string().nullish(), messages: z.array(z.unknown()).default([]) })
  .loose();

/** `sessions.changed` when a session was deleted (2026.9.6: `sessions.delete`, the Control UI's delete). */
export const sessionDeletedSchema = z.object({ reason: z.literal('delete'), sessionKey: z.string(), ts: ms }).loose();

/** `sessions.list`'s answer: a page (2026.9.6 pages by `offset`, with `hasMore` and `nextOffset`). */
export const sessionsPageSchema = z
  .object({
    sessions: z.array(z.unknown()).default([]),
    hasMore: z.boolean().nullish(),
    nextOffset: z.number().nullish(),
  })
  .loose();

export const taskEventSchema = z
  .object({
    action: z.string().nullish(),
    task: z
      .object({
        id: z.string(),
        kind: z.string().nullish(),
        status: z.string().nullish(),
        title: z.string().nullish(),
        childSessionKey: z.string().nullish(),
        ownerKey: z.string().nullish(),
        sessionKey: z.string().nullish(),
        startedAt: ms,
        endedAt: ms,
        terminalSummary: z.string().nullish(),
        progressSummary: z.string().nullish(),
      })
      .loose(),
  })
  .loose();
