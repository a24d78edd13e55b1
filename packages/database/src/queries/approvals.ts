// OpenClaw's exec and plugin approvals, mirrored by the bridge (the inbox). A row is keyed by OpenClaw's approval
// id; it is pending until the gateway says it was answered (here or in another client), or until it expires or
// the gateway no longer lists it. Each change is one `approval.updated` event in the same transaction.
import { channelFor } from '@agent-studio/core';
import { hashToken, newToken } from '@agent-studio/core/secrets';
import type { Queryable } from '../db';
import { appendEvent } from './events';
import { DEFAULT_GATEWAY_ID } from './gateways';

export type ApprovalKind = 'exec' | 'plugin';
export type ApprovalStatus = 'pending' | 'allowed' | 'denied' | 'expired';
export type ApprovalDecision = 'allow-once' | 'allow-always' | 'deny';

export interface ApprovalRow {
  id: string;
  source: string;
  external_id: string;
  kind: ApprovalKind;
  status: ApprovalStatus;
  title: string;
  description: string | null;
  agent_id: string | null;
  session_key: string | null;
  allowed_decisions: ApprovalDecision[];
  request: Record<string, unknown>;
  requested_at: Date;
  expires_at: Date | null;
  decision: ApprovalDecision | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  gateway_id: string;
  updated_at: Date;
}

export interface ApprovalInput {
  /** The gateway that asks (a bridge names its own); the default gateway when left out. */
  gatewayId?: string;
  source: string;
  externalId: string;
  kind: ApprovalKind;
  title: string;
  description?: string | null;
  agentId?: string | null;
  sessionKey?: string | null;
  allowedDecisions: ApprovalDecision[];
  request: Record<string, unknown>;
  requestedAt: Date;
  expiresAt?: Date | null;
}

const statusOf = (decision: ApprovalDecision): ApprovalStatus => (decision === 'deny' ? 'denied' : 'allowed');

async function announce(tx: Queryable, row: ApprovalRow) {
  await appendEvent(tx, channelFor.system(), 'approval.updated', {
    approvalId: row.id,
    kind: row.kind,
    status: row.status,
  });
}

/** Records a waiting approval; an approval already known is left as it is (null: nothing new). */
export async function recordApprovalRequested(tx: Queryable, a: ApprovalInput): Promise<ApprovalRow | null> {
  const [row] = await tx.query<ApprovalRow>(
    `insert into approvals (source, external_id, kind, title, description, agent_id, session_key, allowed_decisions,
                            request, requested_at, expires_at, gateway_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     on conflict (gateway_id, source, external_id) do nothing returning *`,
    [
      a.source,
      a.externalId,
      a.kind,
      a.title,
      a.description ?? null,
      a.agentId ?? null,
      a.sessionKey ?? null,
      a.allowedDecisions,
      JSON.stringify(a.request),
      a.requestedAt,
      a.expiresAt ?? null,
      a.gatewayId ?? DEFAULT_GATEWAY_ID,
    ],
  );
  if (row) await announce(tx, row);
  return row ?? null;
}

/**
 * Records an answer the gateway reported. An approval the studio never saw waiting (asked and answered while the
 * bridge was away) is recorded answered when the request comes with it. Null: already settled, or unknown.
 */
export async function recordApprovalResolved(
  tx: Queryable,
  r: {
    gatewayId?: string;
    source: string;
    externalId: string;
    decision: ApprovalDecision;
    resolvedBy: string | null;
    at: Date;
    request?: Omit<ApprovalInput, 'source' | 'externalId' | 'gatewayId'>;
  },
): Promise<ApprovalRow | null> {
  const gatewayId = r.gatewayId ?? DEFAULT_GATEWAY_ID;
  if (r.request)
    await recordApprovalRequested(tx, { ...r.request, gatewayId, source: r.source, externalId: r.externalId });
  const [row] = await tx.query<ApprovalRow>(
    `update approvals set status = $3, decision = $4, resolved_by = $5, resolved_at = $6, updated_at = now()
      where gateway_id = $7 and source = $1 and external_id = $2 and status = 'pending' returning *`,
    [r.source, r.externalId, statusOf(r.decision), r.decision, r.resolvedBy, r.at, gatewayId],
  );
  if (row) await announce(tx, row);
  return row ?? null;
}

/**
 * Ends the pending approvals the gateway no longer has: after a list of them (`listed`: every id it still has
 * of that kind), the others; and those whose time ran out. Returns the rows ended.
 */
export async function expireApprovals(
  tx: Queryable,
  p: { gatewayId?: string; source: string; kind?: ApprovalKind; listed?: readonly string[]; now?: Date },
): Promise<ApprovalRow[]> {
  const rows = await tx.query<ApprovalRow>(
    `update approvals set status = 'expired', resolved_at = $4, updated_at = now()
      where gateway_id = $5 and source = $1 and status = 'pending'
        and ((expires_at is not null and expires_at <= $4)
             or ($2::text is not null and kind = $2 and $3::text[] is not null and not (external_id = any($3::text[]))))
      returning *`,
    [p.source, p.kind ?? null, p.listed ? [...p.listed] : null, p.now ?? new Date(), p.gatewayId ?? DEFAULT_GATEWAY_ID],
  );
  for (const row of rows) await announce(tx, row);
  return rows;
}

/** Ends one pending approval the gateway no longer has (answering it was refused as unknown or settled). */
export async function expireApproval(tx: Queryable, id: string): Promise<ApprovalRow | null> {
  const [row] = await tx.query<ApprovalRow>(
    `update approvals set status = 'expired', resolved_at = now(), updated_at = now()
      where id = $1 and status = 'pending' returning *`,
    [id],
  );
  if (row) await announce(tx, row);
  return row ?? null;
}

/** The approvals waiting on the owner, oldest first; one gateway's when `gatewayId` is given. */
export async function listPendingApprovals(
  db: Queryable,
  now: Date = new Date(),
  gatewayId?: string,
): Promise<ApprovalRow[]> {
  return db.query<ApprovalRow>(
    `select * from approvals where status = 'pending' and (expires_at is null or expires_at > $1)
        and ($2::uuid is null or gateway_id = $2)
      order by requested_at, id limit 500`,
    [now, gatewayId ?? null],
  );
}

export async function getApproval(db: Queryable, id: string): Promise<ApprovalRow | null> {
  const [row] = await db.query<ApprovalRow>('select * from approvals where id = $1', [id]);
  return row ?? null;
}

export async function getApprovalByExternalId(
  db: Queryable,
  source: string,
  externalId: string,
  gatewayId: string = DEFAULT_GATEWAY_ID,
): Promise<ApprovalRow | null> {
  const [row] = await db.query<ApprovalRow>(
    'select * from approvals where gateway_id = $3 and source = $1 and external_id = $2',
    [source, externalId, gatewayId],
  );
  return row ?? null;
}

/** The soonest time a pending approval expires (the bridge ends it then), or null. */
export async function nextApprovalExpiry(db: Queryable): Promise<Date | null> {
  const [row] = await db.query<{ at: Date | null }>(
    `select min(expires_at) as at from approvals where status = 'pending'`,
  );
  return row?.at ?? null;
}

/**
 * A one-time link token to an approval (for an alert): only its sha256 is stored; it works once, until
 * `ttlMs` has passed.
 */
export async function createApprovalLinkToken(
  tx: Queryable,
  approvalId: string,
  ttlMs: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + ttlMs);
  await tx.query('insert into approval_links (token_hash, approval_id, expires_at) values ($1, $2, $3)', [
    hashToken(token),
    approvalId,
    expiresAt,
  ]);
  return { token, expiresAt };
}

/** Spends a link token: the approval it opens, or null when it is unknown, used or expired. */
export async function redeemApprovalLinkToken(tx: Queryable, token: string): Promise<string | null> {
  const [row] = await tx.query<{ approval_id: string }>(
    `update approval_links set used_at = now()
      where token_hash = $1 and used_at is null and expires_at > now() returning approval_id`,
    [hashToken(token)],
  );
  return row?.approval_id ?? null;
}

/** How long an approval's link in an alert works (once) when the caller does not say. */
export const APPROVAL_LINK_TTL_MS = 24 * 3_600_000;

/**
 * The one-time link an alert about an approval carries: `<studioUrl>/inbox/a/<token>`. Opening it (signed in:
 * the studio's pages all need the owner's sign-in) spends the token and shows the approval in the inbox.
 */
export async function createApprovalLink(
  tx: Queryable,
  p: { approvalId: string; studioUrl: string; ttlMs?: number },
): Promise<{ url: string; expiresAt: Date }> {
  const { token, expiresAt } = await createApprovalLinkToken(tx, p.approvalId, p.ttlMs ?? APPROVAL_LINK_TTL_MS);
  return { url: `${p.studioUrl.replace(/\/+$/, '')}/inbox/a/${token}`, expiresAt };
}
