import { DetailHeading } from '@/components/ui/page-heading';
import Link from '@/components/ui/link';
import {
  getAgentSession,
  getSessionTree,
  getSessionTreeTotals,
  listEarlierConversations,
  listGtmOutputsBySession,
} from '@agent-studio/database';
import { LogViewer } from '@/components/logs/log-viewer';
import { StatusBadge } from '@/components/status-badge';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { TimeAgo } from '@/components/ui/time-ago';
import { cn } from '@/lib/cn';
import { modelName, usd } from '@/lib/format';
import { rowOr404 } from '@/server/page-data';
import { RowGateway } from '@/components/shell/row-gateway';
import { CancelButton } from './cancel-button';
import { elapsed, subAgents, tokenBreakdown, usageLine, withSubAgents } from '../_components/totals';

export const dynamic = 'force-dynamic';

/** Why OpenClaw archived a session, as its `archiveReason` says (2026.9.6), for "archived <when><why>". */
function archiveWhy(reason: string | null): string {
  switch (reason) {
    case 'manual':
      return ', by hand';
    case 'age-retention':
      return ', idle past its retention (30 days by default)';
    case 'active-session-cap':
      return ', past its cap on kept sessions (the 5,000 newest by default)';
    case 'stale-dashboard':
      return ', a dashboard session left stale';
    case 'restart-recovery':
      return ', set aside as the gateway restarted';
    default:
      return reason ? ` (${reason})` : '';
  }
}

export default async function SessionPage(props: { params: Promise<{ id: string }> }) {
  const { db, row: s } = await rowOr404(props.params, getAgentSession);
  const rootId = s.swarm_id ?? s.id;
  const [tree, outputs, totals, earlier] = await Promise.all([
    getSessionTree(db, rootId),
    listGtmOutputsBySession(db, s.id),
    getSessionTreeTotals(db, [s.id, rootId]),
    listEarlierConversations(db, s.id),
  ]);
  const own = totals.get(s.id)?.own;
  const sub = withSubAgents(totals.get(s.id))?.subtree;
  const model = modelName(s.model, s.provider);
  // on a sub-agent's page: what the whole swarm it belongs to used
  const swarm = rootId !== s.id ? withSubAgents(totals.get(rootId))?.subtree : undefined;
  const hasUsage = Object.keys(s.token_usage).length > 0;
  return (
    <div className="flex flex-col gap-4">
      <DetailHeading back={{ href: '/agents', label: 'Agents' }} title={s.agent_name} titleClassName="break-all">
        <StatusBadge status={s.status} />
        {s.archived_at && <Badge>archived</Badge>}
        <RowGateway id={s.gateway_id} />
        <span className="text-sm text-muted-foreground">{s.agent_type}</span>
        <div className="ml-auto">
          <CancelButton sessionId={s.id} name={s.agent_name} running={s.status === 'running'} />
        </div>
      </DetailHeading>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card aria-label="Details" className="min-w-0 lg:col-span-2">
          <CardHeader title="Details" />
          <CardBody>
            <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
              <dt className="text-muted-foreground">Task</dt>
              <dd>{s.task_description ?? s.progress_message ?? '—'}</dd>
              <dt className="text-muted-foreground">Started</dt>
              <dd>
                <TimeAgo date={s.started_at} />
              </dd>
              <dt className="text-muted-foreground">Last activity</dt>
              <dd>
                <TimeAgo date={s.last_activity_at} />
              </dd>
              <dt className="text-muted-foreground">Tokens</dt>
              <dd>
                {own && hasUsage ? tokenBreakdown(own) : '—'}
                {sub && (
                  <>
                    {' own'}
                    <span className="block">
                      {tokenBreakdown(sub)} with {subAgents(sub.subAgents)}
                    </span>
                  </>
                )}
              </dd>
              <dt className="text-muted-foreground">Cost</dt>
              <dd>
                {usd(s.cost_usd)}
                {sub && ` own · ${usd(sub.costUsd)} with ${subAgents(sub.subAgents)}`}
              </dd>
              <dt className="text-muted-foreground">Duration</dt>
              <dd>
                {own ? elapsed(own) : '—'}
                {sub && ` own · ${elapsed(sub)} with ${subAgents(sub.subAgents)}`}
              </dd>
              <dt className="text-muted-foreground">Model</dt>
              <dd title={model.ref}>{model.name}</dd>
              <dt className="text-muted-foreground">Session key</dt>
              <dd className="font-mono text-xs break-all">{s.session_key}</dd>
              {s.removed_at && (
                <>
                  <dt className="text-muted-foreground">Deleted</dt>
                  <dd>
                    OpenClaw deleted this session; the studio learned of it <TimeAgo date={s.removed_at} /> and keeps
                    its record
                  </dd>
                </>
              )}
              {s.archived_at && (
                <>
                  <dt className="text-muted-foreground">Archived</dt>
                  <dd>
                    OpenClaw archived this session <TimeAgo date={s.archived_at} />
                    {archiveWhy(s.archive_reason)}: it is still there, out of its default lists, and can be restored
                  </dd>
                </>
              )}
              {s.continued_by && (
                <>
                  <dt className="text-muted-foreground">Reset</dt>
                  <dd>
                    OpenClaw started this chat anew {s.completed_at && <TimeAgo date={s.completed_at} />}; it goes on in{' '}
                    <Link href={`/agents/${s.continued_by}`} className="underline">
                      the current conversation
                    </Link>
                  </dd>
                </>
              )}
              {earlier.length > 0 && (
                <>
                  <dt className="text-muted-foreground">Before reset</dt>
                  <dd>
                    <ul className="flex flex-col gap-1">
                      {earlier.map((c) => (
                        <li key={c.id}>
                          <Link href={`/agents/${c.id}`} className="underline">
                            Conversation until <TimeAgo date={c.completed_at ?? c.started_at} />
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              )}
            </dl>
          </CardBody>
        </Card>
        <Card aria-label="Swarm" className="min-w-0">
          <CardHeader title="Swarm" />
          <CardBody>
            <ul className="flex flex-col gap-1 text-sm">
              {tree.map((n) => (
                <li
                  key={n.id}
                  style={{ paddingLeft: `${n.depth * 1.25}rem` }}
                  className="flex min-w-0 items-center gap-2"
                >
                  <span
                    className={cn(
                      'size-2 shrink-0 rounded-full',
                      n.status === 'running'
                        ? 'bg-info'
                        : n.status === 'error'
                          ? 'bg-danger'
                          : n.status === 'completed'
                            ? 'bg-success'
                            : 'bg-muted-foreground',
                    )}
                    aria-hidden
                  />
                  {n.id === s.id ? (
                    <span className="truncate font-medium">{n.agent_name}</span>
                  ) : (
                    <Link href={`/agents/${n.id}`} className="truncate hover:underline">
                      {n.agent_name}
                    </Link>
                  )}
                  <span className="sr-only">{n.status}</span>
                </li>
              ))}
            </ul>
            {swarm && (
              <p className="mt-3 border-t pt-3 text-xs text-muted-foreground">
                Whole swarm, {subAgents(swarm.subAgents)}: {usageLine(swarm)}
              </p>
            )}
          </CardBody>
        </Card>
      </div>
      {outputs.length > 0 && (
        <Card aria-label="Outputs">
          <CardHeader title="Content it wrote" />
          <ul className="divide-y">
            {outputs.map((o) => (
              <li key={o.id}>
                <Link
                  href={`/content/${o.id}`}
                  className="flex items-center justify-between gap-3 px-4 py-2.5 text-sm hover:bg-muted/50"
                >
                  <span className="truncate">{o.title}</span>
                  <StatusBadge status={o.status} />
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card aria-label="Log">
        <CardHeader title="Log" />
        <LogViewer source={{ kind: 'session', id: s.id }} live={s.status === 'running'} />
      </Card>
    </div>
  );
}
