import { DetailHeading } from '@/components/ui/page-heading';
import { WEBHOOK_TEST_EVENT, webhookEventLabels } from '@agent-studio/core/webhook-events';
import { getWebhook, listWebhookDeliveries } from '@agent-studio/database';
import { DeliveryItem } from '@/components/settings/delivery-item';
import { WebhookEventBadges } from '@/components/settings/webhook-event-badges';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
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
      <DetailHeading back={{ href: '/settings', label: 'Settings' }} title={hook.name}>
        <Badge tone={hook.enabled ? 'success' : 'neutral'}>{hook.enabled ? 'enabled' : 'disabled'}</Badge>
        {hook.allow_private_network && <Badge tone="warning">private network allowed</Badge>}
      </DetailHeading>
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
              <DeliveryItem key={d.id} delivery={d} title={eventLabel(d.event_type)} answerLabel="HTTP" />
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
