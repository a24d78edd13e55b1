'use client';
import { LocalTime, useDateFormat } from '@/components/dates/date-format';
import Link from '@/components/ui/link';
import { formatDate } from '@/lib/dates';
import { Badge } from '@/components/ui/badge';

/** The watchdog's findings, where users look: a job's missed runs, a run's suspicion. */
export function MissedBadge({ count, lastExpected }: { count: number; lastExpected?: Date }) {
  const fmt = useDateFormat();
  if (!count) return null;
  const title = lastExpected
    ? `The last missed run was expected ${formatDate(lastExpected, 'datetime', fmt)}`
    : undefined;
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

/** Why and when a finding ended ("ended: a later run succeeded at …"), or nothing while it is open. */
export function FindingEnded({
  endedAt,
  runId,
  timeZone,
}: {
  endedAt: Date | null;
  runId: string | null;
  timeZone?: string | null;
}) {
  if (!endedAt || !runId) return null;
  return (
    <span className="text-muted-foreground">
      ended: a{' '}
      <Link href={`/cron/runs/${runId}`} className="underline hover:text-foreground">
        later run
      </Link>{' '}
      succeeded at <LocalTime date={endedAt} timeZone={timeZone} />
    </span>
  );
}
