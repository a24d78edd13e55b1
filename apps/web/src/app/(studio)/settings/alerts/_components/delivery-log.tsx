import type { AlertDeliveryRow } from '@agent-studio/database';
import { DeliveryItem } from '@/components/settings/delivery-item';
import { EmptyState } from '@/components/ui/empty-state';

const KIND: Record<AlertDeliveryRow['message_kind'], string> = {
  opened: 'Alert',
  updated: 'Still open',
  resolved: 'Resolved',
  test: 'Test',
};

/** Each message to each channel: its attempts, the receiver's answer, and why it failed or gave up. */
export function DeliveryLog({
  deliveries,
  channelNames,
}: {
  deliveries: AlertDeliveryRow[];
  channelNames?: Record<string, string>;
}) {
  if (!deliveries.length)
    return (
      <EmptyState title="Nothing sent yet">
        Messages appear here as they are sent. “Send a test” sends one now.
      </EmptyState>
    );
  return (
    <ul className="divide-y">
      {deliveries.map((d) => (
        <DeliveryItem
          key={d.id}
          delivery={d}
          title={`${KIND[d.message_kind]}: ${d.title}`}
          about={
            channelNames && (
              <span className="text-muted-foreground">to {channelNames[d.channel_id] ?? 'a channel'}</span>
            )
          }
          answerLabel="answer"
          detail={
            d.answer &&
            d.status === 'delivered' && <p className="break-words text-xs text-muted-foreground">Answer: {d.answer}</p>
          }
          testId="alert-delivery"
        />
      ))}
    </ul>
  );
}
