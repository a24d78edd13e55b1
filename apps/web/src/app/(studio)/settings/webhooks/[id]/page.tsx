import { ArrowLeft } from 'lucide-react';
import Link from '@/components/ui/link';
import { WEBHOOK_TEST_EVENT, webhookEventLabels } from '@agent-studio/core/webhook-events';
import { getWebhook, listWebhookDeliveries } from '@agent-studio/database';
import { WebhookEventBadges } from '@/components/settings/webhook-event-badges';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { TimeAgo } from '@/components/ui/time-ago';
import { StatusBadge } from '@/components/status-badge';
import { rowOr404 } from '@/server/page-data';
import { WebhookActions } from './webhook-actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Webhook' };

const eventLabel = (t: string) =>
  t === WEBHOOK_TEST_EVENT ? 'Test' : (webhookEventLabels[t as keyof typeof webhookEventLabels] ?? t);

/** One webhook: what it sends where, its controls, and its delivery log (kept live by the layout's event stream). */
export default async function WebhookPage(props: { params: Promise<{ id: string }> }) {
  const { db, row: hook } = await rowOr404(props.params, getWebhook);
  const deliveries = await listWebhookDeliveries(db, hook.id);
  return (
    <div className="flex flex-col gap-4">
      <Link
        href="/settings"
        className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" aria-hidden /> Settings
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{hook.name}</h1>
        <Badge tone={hook.enabled ? 'success' : 'neutral'}>{hook.enabled ? 'enabled' : 'disabled'}</Badge>
        {hook.allow_private_network && <Badge tone="warning">private network allowed</Badge>}
      </div>
      <p className="font-mono text-sm break-all text-muted-foreground">{hook.url}</p>
      <WebhookEventBadges types={hook.event_types} />
      <WebhookActions
        id={hook.id}
        name={hook.name}
        enabled={hook.enabled}
        allowPrivateNetwork={hook.allow_private_network}
      />
      <Card aria-label="Delivery log">
        <CardHeader title="Delivery log" />
        {deliveries.length ? (
          <ul className="divide-y">
            {deliveries.map((d) => (
              <li key={d.id} className="flex flex-col gap-1 px-4 py-3 text-sm">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <StatusBadge status={d.status} />
                  <span className="font-medium">{eventLabel(d.event_type)}</span>
                  <span className="text-muted-foreground">
                    {d.attempts} {d.attempts === 1 ? 'attempt' : 'attempts'}
                    {d.response_status !== null && <> · HTTP {d.response_status}</>}
                  </span>
                  <span className="text-xs text-muted-foreground sm:ml-auto">
                    <TimeAgo date={d.last_attempt_at ?? d.created_at} />
                  </span>
                </div>
                {d.error && <p className="break-words text-danger">{d.error}</p>}
                {d.status === 'pending' && d.attempts > 0 && (
                  <p className="text-xs text-muted-foreground">
                    Next attempt <TimeAgo date={d.next_attempt_at} />
                  </p>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="Nothing sent yet">
            Deliveries appear here as events happen. “Send test” sends one now.
          </EmptyState>
        )}
      </Card>
    </div>
  );
}
