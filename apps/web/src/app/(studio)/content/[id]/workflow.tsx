'use client';
import { CalendarClock, Send } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { allowedTransitions, type GtmStatus } from '@agent-studio/core/gtm';
import { DateField, localInputValue } from '@/components/dates/date-field';
import { LocalTime, useDateFormat } from '@/components/dates/date-format';
import { Button } from '@/components/ui/button';
import { api, ApiError } from '@/lib/api-client';
import { formatDate } from '@/lib/dates';

const VERB: Record<GtmStatus, string> = {
  draft: 'Back to draft',
  pending_review: 'Submit for review',
  approved: 'Approve',
  published: 'Publish',
  archived: 'Archive',
};

/** Moves content through its workflow (the allowed moves only), schedules it, publishes it at a URL. */
export function Workflow({
  id,
  status,
  scheduledFor,
  scheduledUrl,
}: {
  id: string;
  status: GtmStatus;
  scheduledFor: string | null;
  scheduledUrl: string | null;
}) {
  const router = useRouter();
  const fmt = useDateFormat();
  const [message, setMessage] = useState<{ text: string; bad?: boolean } | null>(null);
  const [, startTransition] = useTransition();
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      // one transition: the words, the page's status badge and these buttons change together (the words came
      // first, and the header's badge a refresh later)
      startTransition(() => {
        setMessage({ text: done });
        router.refresh();
      });
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? err.message : 'That did not work.', bad: true });
    }
  };
  const publish = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const url = String(new FormData(e.currentTarget).get('url') ?? '');
    void act(
      () => api('publishGtmOutput', { params: { id }, body: { url } }),
      'Publishing: the bridge marks it published in a moment.',
    );
  };
  const schedule = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const when = new Date(String(form.get('when'))).toISOString();
    const url = String(form.get('url') ?? '');
    void act(
      () => api('updateGtmOutput', { params: { id }, body: { scheduledFor: when, scheduledUrl: url } }),
      `Scheduled for ${formatDate(when, 'datetime', fmt)}.`,
    );
  };
  const unschedule = () =>
    void act(() => api('updateGtmOutput', { params: { id }, body: { scheduledFor: null } }), 'Schedule cleared.');
  const moves = allowedTransitions(status).filter((s) => s !== 'published');
  return (
    <div className="flex flex-col gap-3 text-sm">
      <div className="flex flex-wrap gap-2">
        {moves.map((to) => (
          <Button
            key={to}
            size="sm"
            variant={to === 'approved' ? 'default' : 'outline'}
            onClick={() =>
              void act(
                () => api('updateGtmOutput', { params: { id }, body: { status: to } }),
                `Moved to ${to.replace('_', ' ')}.`,
              )
            }
          >
            {VERB[to]}
          </Button>
        ))}
      </div>
      {status === 'approved' && (
        <form onSubmit={publish} className="flex flex-col gap-1">
          <label htmlFor="publish-url" className="text-xs text-muted-foreground">
            Published at (URL)
          </label>
          <div className="flex gap-2">
            <input
              id="publish-url"
              name="url"
              type="url"
              required
              placeholder="https://…"
              className="h-8 min-w-0 flex-1 rounded-md border bg-background px-2"
            />
            <Button size="sm" type="submit">
              <Send aria-hidden /> Publish
            </Button>
          </div>
        </form>
      )}
      {status !== 'published' && status !== 'archived' && (
        <form onSubmit={schedule} className="flex flex-col gap-1" aria-label="Schedule">
          {scheduledFor && (
            <p className="text-xs" data-testid="schedule-state">
              Publishes itself <LocalTime date={scheduledFor} />
              {status === 'approved' ? '' : ', once approved'}
              {scheduledUrl && (
                <>
                  {' '}
                  at <span className="break-all">{scheduledUrl}</span>
                </>
              )}
              .
            </p>
          )}
          <label htmlFor="schedule-at" className="text-xs text-muted-foreground">
            Schedule for (your time zone, {fmt.timeZone})
          </label>
          <DateField
            id="schedule-at"
            name="when"
            type="datetime-local"
            required
            defaultValue={scheduledFor ? localInputValue(scheduledFor) : ''}
            className="h-8 min-w-0 rounded-md border bg-background px-2"
          />
          <label htmlFor="schedule-url" className="text-xs text-muted-foreground">
            at (URL)
          </label>
          <input
            id="schedule-url"
            name="url"
            type="url"
            required
            defaultValue={scheduledUrl ?? ''}
            placeholder="https://…"
            className="h-8 min-w-0 rounded-md border bg-background px-2"
          />
          <div className="flex gap-2">
            <Button size="sm" type="submit" variant="outline">
              <CalendarClock aria-hidden /> Schedule
            </Button>
            {scheduledFor && (
              <Button size="sm" type="button" variant="ghost" onClick={unschedule}>
                Clear
              </Button>
            )}
          </div>
        </form>
      )}
      {message && (
        <p role="status" className={message.bad ? 'text-danger' : 'text-muted-foreground'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
