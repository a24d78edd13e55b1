import { Bot } from 'lucide-react';
import Link from '@/components/ui/link';
import type { CSSProperties } from 'react';
import { z } from 'zod';
import {
  getSessionTreeTotals,
  listAgentIds,
  listAgentSessions,
  listBudgets,
  type SessionTreeTotals,
} from '@agent-studio/database';
import { BudgetForm } from '@/components/budgets/budget-form';
import { StatusBadge } from '@/components/status-badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { TimeAgo } from '@/components/ui/time-ago';
import { cn } from '@/lib/cn';
import { inTreeOrder } from '@/lib/tree-order';
import { usd } from '@/lib/format';
import { toBudget } from '@/server/api/serialize';
import { budgetFleet } from '@/server/budget-fleet';
import { getDb } from '@/server/db';
import type { GatewayNames } from '@/server/gateway-names';
import { pageGateway } from '@/server/page-gateway';
import { GatewayBadge } from '@/components/shell/gateway-badge';
import { StopAllButton } from './stop-all-button';
import { SwarmLauncher } from './swarm-launcher';
import { subAgents, usageLine, withSubAgents } from './_components/totals';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Agents' };

const TYPES = ['swarm', 'singleton', 'subagent', 'cron'] as const;
const filters = z.object({
  type: z.enum(TYPES).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});

type Session = Awaited<ReturnType<typeof listAgentSessions>>['rows'][number];

type Totals = Map<string, SessionTreeTotals>;

function SessionRow({
  s,
  depth,
  totals,
  gateways,
}: {
  s: Session;
  depth: number;
  totals?: SessionTreeTotals;
  /** Several gateways: each row names its own. */
  gateways?: GatewayNames;
}) {
  const tree = withSubAgents(totals)?.subtree;
  return (
    <li>
      {/* on a phone: the name, then type, status, time and cost on one wrapping line (not a line each); a
          sub-agent is indented under its parent: the whole row on a phone, the name in the desktop's columns */}
      <Link
        href={`/agents/${s.id}`}
        style={{ '--depth': `${Math.min(depth, 4)}rem` } as CSSProperties}
        className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2.5 pr-4 pl-[calc(1rem+var(--depth))] hover:bg-muted/50 md:grid md:grid-cols-[minmax(0,2fr)_6rem_8rem_7rem_6rem] md:py-3 md:pl-4"
      >
        <span className="w-full min-w-0 md:w-auto md:pl-[var(--depth)]">
          <span className="block truncate font-medium">{s.agent_name}</span>
          {/* under the name: beside it, a narrow column left the name no room */}
          {gateways && <GatewayBadge name={gateways.get(s.gateway_id)} />}
          {(s.removed_at || s.archived_at) && (
            <span className="block text-xs text-muted-foreground">
              {s.removed_at ? 'deleted in OpenClaw' : 'archived in OpenClaw'}
            </span>
          )}
          {s.progress_message && (
            <span className="line-clamp-1 text-xs text-muted-foreground">{s.progress_message}</span>
          )}
          {tree && (
            <span className="block text-xs text-muted-foreground">
              With {subAgents(tree.subAgents)}: {usageLine(tree)}
            </span>
          )}
        </span>
        <span className="text-xs text-muted-foreground">{s.agent_type}</span>
        <span className="justify-self-start">
          <StatusBadge status={s.status} />
        </span>
        <span className="text-sm">
          <TimeAgo date={s.last_activity_at} />
        </span>
        <span className="text-sm text-muted-foreground">
          {usd(s.cost_usd)}
          {tree && ' own'}
        </span>
      </Link>
    </li>
  );
}

/** Sub-agents right under their parent (when it is in the same list). */
function SessionTree({ sessions, totals, gateways }: { sessions: Session[]; totals: Totals; gateways?: GatewayNames }) {
  return (
    <ul className="divide-y">
      {inTreeOrder(sessions).map(({ session, depth }) => (
        <SessionRow key={session.id} s={session} depth={depth} totals={totals.get(session.id)} gateways={gateways} />
      ))}
    </ul>
  );
}

export default async function AgentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const f = filters.parse(params);
  const db = await getDb();
  const page = await pageGateway(db, params);
  const { gatewayId, names, fleet } = page;
  const gateways = fleet ? names : undefined;
  const [running, recent, agentIds, budgets] = await Promise.all([
    listAgentSessions(db, { status: 'running', type: f.type, limit: 100, gatewayId }),
    // a page of 20: the list stays a screen or two high before "Older sessions"
    listAgentSessions(db, { type: f.type, cursor: f.cursor, limit: 20, gatewayId }),
    listAgentIds(db, { gatewayId }),
    listBudgets(db, { scope: 'agent' }),
  ]);
  // the agents of the gateway shown (seen on it, or with a budget of its own); of every gateway with All
  const budgeted = budgets.filter((b) => !gatewayId || b.gateway_id === gatewayId).map((b) => b.target);
  const agents = [...new Set([...agentIds, ...budgeted])].sort();
  const finished = recent.rows.filter((s) => s.status !== 'running');
  const totals = await getSessionTreeTotals(
    db,
    [...running.rows, ...finished].map((s) => s.id),
  );
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Agents</h1>
        <div className="flex flex-wrap items-center gap-2">
          <StopAllButton sessions={running.rows.map((s) => ({ id: s.id, name: s.agent_name }))} />
          <SwarmLauncher />
        </div>
      </div>
      <nav aria-label="Session type" className="flex flex-wrap gap-1">
        {[undefined, ...TYPES].map((t) => (
          <Link
            key={t ?? 'all'}
            href={t ? `/agents?type=${t}` : '/agents'}
            aria-current={f.type === t ? 'page' : undefined}
            className={cn(
              'rounded-full border px-3 py-1 text-sm text-muted-foreground capitalize hover:bg-muted',
              f.type === t && 'border-primary bg-primary/10 text-foreground',
            )}
          >
            {t ?? 'all'}
          </Link>
        ))}
      </nav>
      <Card aria-label="Running">
        <CardHeader title={`Running (${running.rows.length})`} />
        {running.rows.length ? (
          <SessionTree sessions={running.rows} totals={totals} gateways={gateways} />
        ) : (
          <EmptyState icon={<Bot />} title="No agent is running">
            Sessions appear here the moment OpenClaw starts them.
          </EmptyState>
        )}
      </Card>
      <Card aria-label="Recent">
        <CardHeader title="Recent" />
        {finished.length ? (
          <SessionTree sessions={finished} totals={totals} gateways={gateways} />
        ) : (
          <EmptyState title="No finished sessions yet" />
        )}
        {recent.nextCursor && (
          <div className="border-t px-4 py-3 text-center text-sm">
            <Link
              href={`/agents?${new URLSearchParams({ ...(f.type ? { type: f.type } : {}), cursor: recent.nextCursor })}`}
              className="text-primary hover:underline"
            >
              Older sessions
            </Link>
          </div>
        )}
      </Card>
      <Card aria-label="Budgets per agent">
        <CardHeader title="Budget per session, by agent" />
        {agents.length ? (
          <ul className="divide-y">
            {agents.map((agent) => {
              const own = budgets.filter((b) => b.target === agent);
              const budget = own.find((b) => b.gateway_id === null);
              return (
                <li key={agent} className="flex flex-col gap-2 px-4 py-3">
                  <span className="font-mono text-sm">{agent}</span>
                  <BudgetForm
                    scope="agent"
                    target={agent}
                    what={`agent ${agent}`}
                    budget={budget ? toBudget(budget, names) : null}
                    fleet={budgetFleet(page, own)}
                  />
                </li>
              );
            })}
          </ul>
        ) : (
          <EmptyState title="No agent seen yet">
            Once OpenClaw runs an agent, you can limit what each of its sessions may spend here.
          </EmptyState>
        )}
      </Card>
    </div>
  );
}
