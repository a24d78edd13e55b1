'use client';
import { CheckCheck } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { api, ApiError } from '@/lib/api-client';

/** Marks a failure seen: it leaves the inbox (the page refreshes with the activity event). */
export function AcknowledgeButton({
  kind,
  id,
  what,
}: {
  kind: 'cron_run' | 'agent_session';
  id: string;
  what: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="flex items-center gap-2">
      <Button
        size="sm"
        variant="outline"
        disabled={busy}
        aria-label={`Acknowledge: ${what}`}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await api('acknowledgeFailure', { params: { kind, id } });
          } catch (err) {
            setError(err instanceof ApiError ? err.message : 'Could not acknowledge it.');
            setBusy(false);
          }
        }}
      >
        <CheckCheck aria-hidden />
        Acknowledge
      </Button>
      {error && (
        <span role="alert" className="text-sm text-danger">
          {error}
        </span>
      )}
    </span>
  );
}

/** Acknowledges every failure listed (exactly those the owner sees, not any that came since). */
export function AcknowledgeAllButton({ items }: { items: { kind: 'cron_run' | 'agent_session'; id: string }[] }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="ml-auto flex items-center gap-2">
      {error && (
        <span role="alert" className="text-sm font-normal text-danger">
          {error}
        </span>
      )}
      <Button
        size="sm"
        variant="outline"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await api('acknowledgeFailures', { body: { items } });
          } catch (err) {
            setError(err instanceof ApiError ? err.message : 'Could not acknowledge them.');
          } finally {
            setBusy(false);
          }
        }}
      >
        <CheckCheck aria-hidden />
        Acknowledge all {items.length}
      </Button>
    </span>
  );
}
