import 'server-only';
// Sessions as the API answers them with their subtree's totals (what a swarm cost, all sub-agents included).
import type { z } from 'zod';
import type { agentSessionWithTotals, subtreeTotals } from '@agent-studio/core/api';
import {
  getSessionTreeTotals,
  type AgentSessionRow,
  type Queryable,
  type SessionTreeTotals,
} from '@agent-studio/database';
import { gatewayNames } from '../gateway-names';
import { toSession } from './serialize';

export function toSubtreeTotals({ subtree: t }: SessionTreeTotals): z.infer<typeof subtreeTotals> {
  return {
    subAgents: t.subAgents,
    tokenUsage: { input: t.input, output: t.output, cacheRead: t.cacheRead, cacheWrite: t.cacheWrite, total: t.total },
    costUsd: t.costUsd,
    startedAt: t.startedAt.toISOString(),
    endedAt: t.endedAt?.toISOString() ?? null,
    durationMs: t.durationMs,
    running: t.running,
    truncated: t.truncated,
  };
}

/** The rows serialized, each with its subtree's totals (one query for them all); a row deleted meanwhile is left out. */
export async function toSessionsWithTotals(
  db: Queryable,
  rows: readonly AgentSessionRow[],
): Promise<z.infer<typeof agentSessionWithTotals>[]> {
  const [totals, gateways] = await Promise.all([
    getSessionTreeTotals(
      db,
      rows.map((r) => r.id),
    ),
    gatewayNames(db),
  ]);
  return rows.flatMap((r) => {
    const t = totals.get(r.id);
    return t ? [{ ...toSession(r, gateways), subtree: toSubtreeTotals(t) }] : [];
  });
}
