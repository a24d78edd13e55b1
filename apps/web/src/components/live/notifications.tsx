'use client';
import * as Popover from '@radix-ui/react-popover';
import { Bell } from 'lucide-react';
import Link from '@/components/ui/link';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { toast } from 'sonner';
import type { StudioEvent } from '@agent-studio/core/events';
import { useDateFormat } from '@/components/dates/date-format';
import { Button } from '@/components/ui/button';
import { actionInWords } from '@/lib/activity-words';
import { api } from '@/lib/api-client';
import { formatDate } from '@/lib/dates';
import { showSystemNotification } from '@/lib/system-notification';
import { LiveUpdates } from './live-updates';

interface Notice {
  id: string;
  text: string;
  href: string;
  tone: 'bad' | 'good' | 'warn';
  at: Date;
}

const CHANNELS = ['cron:all', 'agents:all', 'gtm:queue', 'system'];
const KEEP = 30;

// asked once per job and kept: a job failing every few minutes would otherwise cost a request per toast
const jobNames = new Map<string, Promise<string>>();
const jobName = (id: string) => {
  let name = jobNames.get(id);
  if (!name) {
    name = api('getCronJob', { params: { id } }).then(
      (r) => r.job.name,
      () => 'A cron job',
    );
    jobNames.set(id, name);
  }
  return name;
};

/** What deserves the owner's attention: a failed, missed or suspicious run, a failed action, a budget passed, content waiting for review. */
async function noticeFor(e: StudioEvent): Promise<Notice | null> {
  const at = new Date(e.createdAt);
  if (e.type === 'approval.updated' && e.payload.status === 'pending')
    return {
      id: e.id,
      text: `An agent waits for your approval (${e.payload.kind === 'exec' ? 'a command' : 'a plugin action'})`,
      href: `/inbox?approval=${e.payload.approvalId}`,
      tone: 'warn',
      at,
    };
  if (e.type === 'cron.run.completed' && e.payload.status === 'failed') {
    return {
      id: e.id,
      text: `${await jobName(e.payload.jobId)} failed`,
      href: `/cron/${e.payload.jobId}`,
      tone: 'bad',
      at,
    };
  }
  if (e.type === 'cron.job.missed' || e.type === 'cron.run.suspicious') {
    const name = await jobName(e.payload.jobId);
    return e.type === 'cron.job.missed'
      ? { id: e.id, text: `${name} missed a run`, href: `/cron/${e.payload.jobId}`, tone: 'bad', at }
      : {
          id: e.id,
          text: `${name} reported success with ${e.payload.reason}`,
          href: `/cron/runs/${e.payload.runId}`,
          tone: 'bad',
          at,
        };
  }
  if (e.type === 'activity.recorded' && e.payload.outcome === 'failed') {
    return {
      id: e.id,
      text: `${actionInWords(e.payload.action)} failed: ${e.payload.error ?? 'no reason given'}`,
      href: '/activity?outcome=failed',
      tone: 'bad',
      at,
    };
  }
  if (e.type === 'budget.exceeded') {
    const href = e.payload.jobId
      ? `/cron/${e.payload.jobId}`
      : e.payload.sessionId
        ? `/agents/${e.payload.sessionId}`
        : '/activity';
    return { id: e.id, text: e.payload.message, href, tone: e.payload.action === 'abort' ? 'bad' : 'warn', at };
  }
  if (e.type === 'gtm.output.created')
    return {
      id: e.id,
      text: `New ${e.payload.type}: ${e.payload.title}`,
      href: `/content/${e.payload.outputId}`,
      tone: 'good',
      at,
    };
  if (e.type === 'gtm.output.status_changed' && e.payload.status === 'pending_review')
    return { id: e.id, text: 'Content is ready for review', href: `/content/${e.payload.outputId}`, tone: 'good', at };
  return null;
}

/**
 * The live connection for every page: re-renders on change, toasts what matters, keeps an unread count.
 * `renderId` is new on every server render of the layout (see LiveUpdates).
 */
export function Notifications({ renderId, since }: { renderId: string; since: string }) {
  const router = useRouter();
  const [notices, setNotices] = useState<Notice[]>([]);
  const [unread, setUnread] = useState(0);
  const fmt = useDateFormat();
  const onEvent = useCallback(
    (e: StudioEvent) => {
      showSystemNotification(e);
      void noticeFor(e).then((n) => {
        if (!n) return;
        setNotices((all) => [n, ...all].slice(0, KEEP));
        setUnread((u) => u + 1);
        ({ bad: toast.error, warn: toast.warning, good: toast.success })[n.tone](n.text, {
          action: { label: 'Open', onClick: () => router.push(n.href) },
        });
      });
    },
    [router],
  );
  return (
    <>
      <LiveUpdates channels={CHANNELS} renderId={renderId} since={since} onEvent={onEvent} />
      <Popover.Root onOpenChange={(open) => open && setUnread(0)}>
        <Popover.Trigger asChild>
          <Button
            variant="ghost"
            size="icon"
            aria-label={unread ? `Notifications: ${unread} unread` : 'Notifications'}
            className="relative"
          >
            <Bell />
            {unread > 0 && (
              <span
                className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-danger px-1 text-center text-[10px] leading-4 font-semibold text-background"
                aria-hidden
              >
                {unread > 9 ? '9+' : unread}
              </span>
            )}
          </Button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content align="end" sideOffset={6} className="z-50 w-80 rounded-lg border bg-card p-2 shadow-lg">
            <p className="px-2 py-1 text-xs font-semibold text-muted-foreground">Since you opened the studio</p>
            {notices.length ? (
              <ul className="max-h-80 overflow-y-auto">
                {notices.map((n) => (
                  <li key={n.id}>
                    <Popover.Close asChild>
                      <Link href={n.href} className="flex flex-col rounded-md px-2 py-1.5 text-sm hover:bg-muted">
                        <span
                          className={n.tone === 'bad' ? 'text-danger' : n.tone === 'warn' ? 'text-warning' : undefined}
                        >
                          {n.text}
                        </span>
                        <span className="text-xs text-muted-foreground">{formatDate(n.at, 'time', fmt)}</span>
                      </Link>
                    </Popover.Close>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="px-2 py-3 text-sm text-muted-foreground">
                Nothing yet. Failed runs and actions, budgets passed and new content show up here.
              </p>
            )}
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
    </>
  );
}
