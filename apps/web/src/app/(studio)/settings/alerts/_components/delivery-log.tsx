import type { AlertDeliveryRow } from '@agent-studio/database';
import { StatusBadge } from '@/components/status-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { TimeAgo } from '@/components/ui/time-ago';

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
        <li key={d.id} className="flex flex-col gap-1 px-4 py-3 text-sm" data-testid="alert-delivery">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <StatusBadge status={d.status} />
            <span className="font-medium">
              {KIND[d.message_kind]}: {d.title}
            </span>
            {channelNames && (
              <span className="text-muted-foreground">to {channelNames[d.channel_id] ?? 'a channel'}</span>
            )}
            <span className="text-muted-foreground">
              {d.attempts} {d.attempts === 1 ? 'attempt' : 'attempts'}
              {d.response_status !== null && <> · answer {d.response_status}</>}
            </span>
            <span className="text-xs text-muted-foreground sm:ml-auto">
              <TimeAgo date={d.last_attempt_at ?? d.created_at} />
            </span>
          </div>
          {d.answer && d.status === 'delivered' && (
            <p className="break-words text-xs text-muted-foreground">Answer: {d.answer}</p>
          )}
          {d.error && <p className="break-words text-danger">{d.error}</p>}
          {d.status === 'pending' && d.attempts > 0 && (
            <p className="text-xs text-muted-foreground">
              Next attempt <TimeAgo date={d.next_attempt_at} />
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
