import { FileText, Inbox, ShieldQuestion, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import Link from '@/components/ui/link';
import { Badge } from '@/components/ui/badge';
import { GatewayBadge } from '@/components/shell/gateway-badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { TimeAgo } from '@/components/ui/time-ago';
import { cn } from '@/lib/cn';
import { INBOX_FAILURE_DAYS, loadInbox } from '@/server/inbox';
import { getDb } from '@/server/db';
import { pageGateway } from '@/server/page-gateway';
import { AcknowledgeAllButton, AcknowledgeButton } from './_components/acknowledge-button';
import { ApprovalActions } from './_components/approval-actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Inbox' };

function Section({
  title,
  icon,
  count,
  action,
  children,
}: {
  title: string;
  icon: ReactNode;
  count: number;
  action?: ReactNode;
  children: ReactNode;
}) {
  const id = `inbox-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <Card aria-labelledby={id}>
      <div className="flex flex-wrap items-center gap-2 border-b px-4 py-3">
        <h2 id={id} className="flex items-center gap-2 font-medium [&_svg]:size-4">
          {icon}
          {title}
          <span className="text-sm font-normal text-muted-foreground">({count})</span>
        </h2>
        {action}
      </div>
      {children}
    </Card>
  );
}

/**
 * Everything waiting on the owner, live (the layout's stream re-renders it): OpenClaw's approvals with their
 * answers, content to review, and failures not yet acknowledged. `?approval=<id>` (an alert's link) marks one.
 */
export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const focus = typeof params.approval === 'string' ? params.approval : undefined;
  const { gatewayId, fleet } = await pageGateway(await getDb(), params);
  // several gateways: each entry names its own, as the lists do
  const gatewayOf = (e: { gateway: { name: string } }) => (fleet ? e.gateway.name : undefined);
  const inbox = await loadInbox(gatewayId);
  const focusGone = focus && !inbox.approvals.some((a) => a.id === focus);
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">Inbox</h1>
        <p className="text-sm text-muted-foreground">
          What waits on you: commands and plugin actions OpenClaw holds until you answer, content to review, and
          failures of the last {INBOX_FAILURE_DAYS} days you have not acknowledged. Every answer is in the audit log.
        </p>
      </div>
      {focusGone && (
        <p role="status" className="rounded-md border border-warning px-4 py-3 text-sm">
          The approval this link opened is no longer waiting: it was answered, or it expired.
        </p>
      )}
      {inbox.count === 0 && (
        <Card>
          <EmptyState icon={<Inbox />} title="Nothing waits on you">
            Approvals OpenClaw asks for, content sent for review and new failures appear here as they happen.
          </EmptyState>
        </Card>
      )}
      {inbox.approvals.length > 0 && (
        <Section title="Approvals" icon={<ShieldQuestion />} count={inbox.approvals.length}>
          <ul className="divide-y">
            {inbox.approvals.map((a) => (
              <li
                key={a.id}
                id={`approval-${a.id}`}
                data-approval-id={a.id}
                className={cn('flex flex-col gap-2 px-4 py-3', a.id === focus && 'bg-muted')}
              >
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <Badge tone="warning">{a.kind === 'exec' ? 'command' : 'plugin'}</Badge>
                  <GatewayBadge name={gatewayOf(a)} />
                  {a.agentId && <span className="font-medium">{a.agentId}</span>}
                  {a.sessionKey &&
                    (a.sessionId ? (
                      <Link href={`/agents/${a.sessionId}`} className="min-w-0 truncate text-primary hover:underline">
                        {a.sessionKey}
                      </Link>
                    ) : (
                      <span className="min-w-0 truncate text-muted-foreground">{a.sessionKey}</span>
                    ))}
                  <span className="ml-auto text-xs text-muted-foreground">
                    asked <TimeAgo date={a.requestedAt} />
                    {a.expiresAt && (
                      <>
                        {' '}
                        · expires <TimeAgo date={a.expiresAt} />
                      </>
                    )}
                  </span>
                </div>
                <pre className="overflow-x-auto rounded-md bg-muted px-3 py-2 font-mono text-xs whitespace-pre-wrap break-words">
                  {a.title}
                </pre>
                {a.description && <p className="text-xs text-muted-foreground break-words">{a.description}</p>}
                <ApprovalActions id={a.id} allowed={a.allowedDecisions} what={a.title.slice(0, 80)} />
              </li>
            ))}
          </ul>
        </Section>
      )}
      {inbox.content.length > 0 && (
        <Section title="Content to review" icon={<FileText />} count={inbox.content.length}>
          <ul className="divide-y">
            {inbox.content.map((c) => (
              <li key={c.id} data-content-id={c.id} className="flex flex-wrap items-center gap-2 px-4 py-3 text-sm">
                <Badge tone="info">{c.type}</Badge>
                <GatewayBadge name={gatewayOf(c)} />
                <Link href={`/content/${c.id}`} className="min-w-0 truncate font-medium text-primary hover:underline">
                  {c.title}
                </Link>
                <span className="ml-auto text-xs text-muted-foreground">
                  sent <TimeAgo date={c.updatedAt} />
                </span>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {inbox.failures.length > 0 && (
        <Section
          title="Failures"
          icon={<TriangleAlert />}
          count={inbox.failures.length}
          action={
            inbox.failures.length > 1 && (
              <AcknowledgeAllButton items={inbox.failures.map(({ kind, id }) => ({ kind, id }))} />
            )
          }
        >
          <ul className="divide-y">
            {inbox.failures.map((f) => (
              <li key={f.id} data-failure-id={f.id} className="flex flex-col gap-1 px-4 py-3 text-sm">
                <span className="flex flex-wrap items-center gap-2">
                  <Badge tone="danger">{f.kind === 'cron_run' ? 'run' : 'session'}</Badge>
                  <GatewayBadge name={gatewayOf(f)} />
                  <Link
                    href={f.kind === 'cron_run' ? `/cron/runs/${f.id}` : `/agents/${f.id}`}
                    className="min-w-0 truncate font-medium text-primary hover:underline"
                  >
                    {f.name}
                  </Link>
                  <span className="text-xs text-muted-foreground">
                    <TimeAgo date={f.at} />
                  </span>
                  <span className="ml-auto">
                    <AcknowledgeButton kind={f.kind} id={f.id} what={f.name} />
                  </span>
                </span>
                {f.error && <span className="line-clamp-2 font-mono text-xs break-words text-danger">{f.error}</span>}
              </li>
            ))}
          </ul>
        </Section>
      )}
    </div>
  );
}
