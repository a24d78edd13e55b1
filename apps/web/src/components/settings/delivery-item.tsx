import type { ReactNode } from 'react';
import { StatusBadge } from '@/components/status-badge';
import { TimeAgo } from '@/components/ui/time-ago';

/** What a webhook's and an alert channel's delivery logs both keep of one message. */
interface Delivery {
  status: string;
  attempts: number;
  response_status: number | null;
  error: string | null;
  created_at: Date | string;
  last_attempt_at: Date | string | null;
  next_attempt_at: Date | string | null;
}

/**
 * One line of a delivery log: its status, what was sent (`title`, then `about`), its attempts and the receiver's
 * answer (`answerLabel` names it), why it failed, and when it is tried again; `detail` stands above the error.
 */
export function DeliveryItem({
  delivery: d,
  title,
  about,
  answerLabel,
  detail,
  testId,
}: {
  delivery: Delivery;
  title: ReactNode;
  about?: ReactNode;
  answerLabel: string;
  detail?: ReactNode;
  testId?: string;
}) {
  return (
    <li className="flex flex-col gap-1 px-4 py-3 text-sm" data-testid={testId}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <StatusBadge status={d.status} />
        <span className="font-medium">{title}</span>
        {about}
        <span className="text-muted-foreground">
          {d.attempts} {d.attempts === 1 ? 'attempt' : 'attempts'}
          {d.response_status !== null && (
            <>
              {' '}
              · {answerLabel} {d.response_status}
            </>
          )}
        </span>
        <span className="text-xs text-muted-foreground sm:ml-auto">
          <TimeAgo date={d.last_attempt_at ?? d.created_at} />
        </span>
      </div>
      {detail}
      {d.error && <p className="break-words text-danger">{d.error}</p>}
      {d.status === 'pending' && d.attempts > 0 && (
        <p className="text-xs text-muted-foreground">
          Next attempt <TimeAgo date={d.next_attempt_at} />
        </p>
      )}
    </li>
  );
}
