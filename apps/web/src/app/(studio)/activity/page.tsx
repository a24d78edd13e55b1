import { History } from 'lucide-react';
import Link from '@/components/ui/link';
import { z } from 'zod';
import { activityOutcomes } from '@agent-studio/core/api';
import { InvalidCursorError, listActivity, type ActivityRow } from '@agent-studio/database';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterForm } from '@/components/ui/filter-form';
import { FilterSelect } from '@/components/ui/filter-select';
import { Pager } from '@/components/ui/pager';
import { TimeAgo } from '@/components/ui/time-ago';
import { ACTIVITY_AREAS, actionInWords, targetHref } from '@/lib/activity-words';
import { pageHref } from '@/lib/page-href';
import { GatewayBadge } from '@/components/shell/gateway-badge';
import { getDb } from '@/server/db';
import { pageGateway } from '@/server/page-gateway';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Audit log' };

const PAGE = 50;
const filters = z.object({
  kind: z
    .enum(ACTIVITY_AREAS.map((a) => a.value) as [string, ...string[]])
    .optional()
    .catch(undefined),
  outcome: z.enum(activityOutcomes).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});

const TONES: Record<ActivityRow['outcome'], BadgeTone> = {
  pending: 'info',
  succeeded: 'success',
  failed: 'danger',
  warned: 'warning',
};

function href(f: z.infer<typeof filters>, cursor?: string) {
  return pageHref('/activity', { kind: f.kind, outcome: f.outcome, cursor });
}

/** Every action taken through the studio: who, what, on what, when, and how it ended (live). */
export default async function ActivityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const f = filters.parse(sp);
  const db = await getDb();
  const { selected, gatewayId, names, fleet } = await pageGateway(db, sp);
  const { rows, nextCursor } = await listActivity(db, {
    action: f.kind,
    outcome: f.outcome,
    cursor: f.cursor,
    limit: PAGE,
    gatewayId,
  }).catch((err) => {
    if (err instanceof InvalidCursorError) return { rows: [], nextCursor: null };
    throw err;
  });
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">Audit log</h1>
        <p className="text-sm text-muted-foreground">
          Every action taken through the studio (by you, a token or a budget) and how it ended. What the jobs and agents
          do by themselves is on the dashboard&apos;s Live events.
          {selected &&
            ` Gateway ${selected.name}’s actions, and the studio’s own (tokens, webhooks, settings), marked Studio.`}
        </p>
      </div>
      <FilterForm className="flex flex-wrap items-center gap-2" aria-label="Filter the audit log">
        <FilterSelect name="kind" label="Kind" value={f.kind} anyLabel="Every kind" options={ACTIVITY_AREAS} />
        <FilterSelect
          name="outcome"
          label="Outcome"
          value={f.outcome}
          anyLabel="Every outcome"
          options={activityOutcomes.map((o) => ({ value: o, label: o }))}
        />
      </FilterForm>
      <Card aria-label="Actions">
        {rows.length ? (
          <ol className="divide-y">
            {rows.map((a) => {
              const link = targetHref(a.target_kind, a.target_id);
              return (
                <li key={a.id} data-activity-id={a.id} className="flex flex-col gap-1 px-4 py-3 text-sm">
                  <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
                    <span className="font-medium">{actionInWords(a.action, a.detail)}</span>
                    {a.target_label &&
                      (link ? (
                        <Link href={link} className="min-w-0 truncate text-primary hover:underline">
                          {a.target_label}
                        </Link>
                      ) : (
                        <span className="min-w-0 truncate">{a.target_label}</span>
                      ))}
                    {fleet &&
                      (a.gateway_id ? (
                        <GatewayBadge name={names.get(a.gateway_id)} />
                      ) : (
                        <Badge title="The studio’s own, not one gateway’s" data-gateway="">
                          Studio
                        </Badge>
                      ))}
                    <Badge tone={TONES[a.outcome]} className="ml-auto">
                      {a.outcome}
                    </Badge>
                  </span>
                  {a.error && (
                    <span className={a.outcome === 'failed' ? 'text-danger' : 'text-warning'}>{a.error}</span>
                  )}
                  <span className="text-xs text-muted-foreground">
                    {a.actor_kind === 'token' ? `token “${a.actor_name}”` : a.actor_name} ·{' '}
                    <TimeAgo date={a.created_at} />
                    {a.ran_by && <span title="The bridge that ran it on the gateway"> · ran by {a.ran_by}</span>}
                  </span>
                </li>
              );
            })}
          </ol>
        ) : (
          <EmptyState icon={<History />} title="No actions yet">
            {f.kind || f.outcome
              ? 'Nothing matches these filters.'
              : 'Runs started, jobs paused or edited, sessions cancelled and content moved show up here.'}
          </EmptyState>
        )}
        <Pager
          nav
          first={f.cursor ? { href: href(f), label: 'Newest' } : null}
          next={nextCursor ? { href: href(f, nextCursor), label: 'Older' } : null}
        />
      </Card>
    </div>
  );
}
