import { Badge } from '@/components/ui/badge';

/** The watchdog's findings, where users look: a job's missed runs, a run's suspicion. */
export function MissedBadge({ count, lastExpected }: { count: number; lastExpected?: Date }) {
  if (!count) return null;
  const title = lastExpected ? `The last missed run was expected ${lastExpected.toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' })}` : undefined;
  return (
    <Badge tone="warning" title={title}>
      {count === 1 ? 'missed a run' : `missed ${count} runs`}
    </Badge>
  );
}

export function SuspiciousBadge({ reason }: { reason: string | null }) {
  if (!reason) return null;
  return (
    <Badge tone="warning" title={reason}>
      suspicious
    </Badge>
  );
}
