// A session's own figures and its subtree's, in the same words on the list and the session page.
import type { SessionTreeTotals, UsageTotals } from '@agent-studio/database';
import { duration, usd } from '@/lib/format';

export const tokens = (n: number) => n.toLocaleString('en');

export const subAgents = (n: number) => `${n} sub-agent${n === 1 ? '' : 's'}`;

/** "1,100 (1,000 in, 100 out, 40 cache read)". */
export function tokenBreakdown(u: UsageTotals): string {
  const parts = [`${tokens(u.input)} in`, `${tokens(u.output)} out`];
  if (u.cacheRead != null) parts.push(`${tokens(u.cacheRead)} cache read`);
  if (u.cacheWrite != null) parts.push(`${tokens(u.cacheWrite)} cache write`);
  return `${tokens(u.total)} (${parts.join(', ')})`;
}

/** "50 s", or "50 s so far" while a session in the set runs. */
export const elapsed = (u: UsageTotals) => `${duration(u.durationMs)}${u.running ? ' so far' : ''}`;

/** "$0.014 · 1,100 tokens · 50 s": what a set of sessions used, on one line. */
export const usageLine = (u: UsageTotals) => `${usd(u.costUsd)} · ${tokens(u.total)} tokens · ${elapsed(u)}`;

/** The totals when there is a subtree to tell apart from the session itself. */
export const withSubAgents = (t: SessionTreeTotals | undefined) => (t && t.subtree.subAgents > 0 ? t : undefined);
