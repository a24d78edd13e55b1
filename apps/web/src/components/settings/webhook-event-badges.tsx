import { webhookEventLabels, type WebhookEventType } from '@agent-studio/core/webhook-events';
import { Badge } from '@/components/ui/badge';

/** The event types a webhook is sent for, in words. */
export function WebhookEventBadges({ types }: { types: readonly WebhookEventType[] }) {
  return (
    <span className="flex flex-wrap gap-1">
      {types.map((t) => (
        <Badge key={t} tone="info">
          {webhookEventLabels[t]}
        </Badge>
      ))}
    </span>
  );
}
