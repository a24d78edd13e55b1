'use client';
import { Loader2, Power, Send, Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ApiError } from '@/lib/api-client';

interface ActionMessage {
  text: string;
  bad?: boolean;
}

/**
 * The controls on a webhook's or an alert channel's page: one action at a time, each saying in words what happened,
 * then the page refreshed (after a failure too with `refreshAfterFailure`: a failed test still adds to the log).
 */
export function useRecordActions({ refreshAfterFailure = false } = {}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ActionMessage | null>(null);
  /** Runs `action`, which resolves to the words shown on success. */
  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage({ text: await action() });
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? err.message : 'That did not work.', bad: true });
      if (!refreshAfterFailure) return;
    } finally {
      setBusy(false);
    }
    router.refresh();
  };
  /** Deletes the record, then goes to `back`; a failure is said where the other actions say theirs. */
  const remove = (request: () => Promise<unknown>, back: string) =>
    void request().then(
      () => router.push(back),
      (err: Error) => setMessage({ text: err.message, bad: true }),
    );
  return { busy, message, run, remove };
}

/**
 * Send a test, enable or disable, `children` (the record's own controls), delete, and what the last one did (read
 * out by screen readers).
 */
export function RecordControls({
  actions: { busy, message },
  testLabel,
  onTest,
  enabled,
  onToggle,
  name,
  deleteWarning,
  onDelete,
  children,
}: {
  actions: Pick<ReturnType<typeof useRecordActions>, 'busy' | 'message'>;
  testLabel: string;
  onTest: () => void;
  enabled: boolean;
  onToggle: () => void;
  name: string;
  deleteWarning: string;
  onDelete: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button disabled={busy} onClick={onTest}>
        {busy ? <Loader2 className="animate-spin" aria-hidden /> : <Send aria-hidden />} {testLabel}
      </Button>
      <Button variant="outline" disabled={busy} onClick={onToggle}>
        <Power aria-hidden /> {enabled ? 'Disable' : 'Enable'}
      </Button>
      {children}
      <ConfirmDialog
        trigger={
          <Button variant="outline" disabled={busy}>
            <Trash2 aria-hidden /> Delete
          </Button>
        }
        title={`Delete “${name}”?`}
        description={deleteWarning}
        confirmLabel="Delete"
        danger
        onConfirm={onDelete}
      />
      <span role="status" className={message?.bad ? 'text-sm text-danger' : 'text-sm text-muted-foreground'}>
        {message?.text ?? ''}
      </span>
    </div>
  );
}
