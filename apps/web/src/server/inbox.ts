import 'server-only';
// What waits on the owner (the inbox page and GET /api/inbox read the same).
import { cache } from 'react';
import type { z } from 'zod';
import type { inboxResponse } from '@agent-studio/core/api';
import {
  countInboxByKind,
  getAgentSessionByKey,
  inboxTotal,
  type InboxCounts,
  listContentPendingReview,
  listPendingApprovals,
  listUnacknowledgedFailures,
} from '@agent-studio/database';
import { getDb } from './db';
import { gatewayNames, gatewayOf } from './gateway-names';

/** Failures older than this are history (the Failures page), not something waiting. */
export const INBOX_FAILURE_DAYS = 7;

export const inboxSince = (now = Date.now()) => new Date(now - INBOX_FAILURE_DAYS * 86_400_000);

export type Inbox = z.infer<typeof inboxResponse>;

/** What waits on the owner on one gateway (`gatewayId`), or on all of them. */
export async function loadInbox(gatewayId?: string): Promise<Inbox> {
  const db = await getDb();
  const since = inboxSince();
  const [approvals, content, failures, counts, gateways] = await Promise.all([
    listPendingApprovals(db, new Date(), gatewayId),
    listContentPendingReview(db, undefined, gatewayId),
    listUnacknowledgedFailures(db, { since, gatewayId }),
    inboxCounts(gatewayId),
    gatewayNames(db),
  ]);
  // session keys are a gateway's own: an approval's session is looked up on its gateway
  const sessionOf = (a: (typeof approvals)[number]) => `${a.gateway_id} ${a.session_key}`;
  const sessions = new Map<string, string | null>();
  for (const a of approvals)
    if (a.session_key && !sessions.has(sessionOf(a)))
      sessions.set(sessionOf(a), (await getAgentSessionByKey(db, a.session_key, a.gateway_id))?.id ?? null);
  return {
    count: inboxTotal(counts),
    approvals: approvals.map((a) => ({
      id: a.id,
      gateway: gatewayOf(gateways, a.gateway_id),
      kind: a.kind,
      title: a.title,
      description: a.description,
      agentId: a.agent_id,
      sessionKey: a.session_key,
      sessionId: a.session_key ? (sessions.get(sessionOf(a)) ?? null) : null,
      allowedDecisions: a.allowed_decisions,
      requestedAt: a.requested_at.toISOString(),
      expiresAt: a.expires_at?.toISOString() ?? null,
    })),
    content: content.map((c) => ({
      id: c.id,
      gateway: gatewayOf(gateways, c.gateway_id),
      title: c.title,
      type: c.content_type,
      updatedAt: c.updated_at.toISOString(),
    })),
    failures: failures.map((f) => ({
      kind: f.kind,
      id: f.id,
      gateway: gatewayOf(gateways, f.gateway_id),
      name: f.name,
      jobId: f.job_id,
      error: f.error,
      at: f.at.toISOString(),
    })),
  };
}

/**
 * How many things wait on the owner, by kind: read once per render (React's cache), so the navigation's badge, the
 * dashboard's Needs attention and the inbox page say the same.
 */
export const inboxCounts = cache(async (gatewayId?: string): Promise<InboxCounts> =>
  countInboxByKind(await getDb(), inboxSince(), new Date(), gatewayId),
);
