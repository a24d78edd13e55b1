'use client';
import { KeyRound, Loader2, Power, Send, Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { api, ApiError } from '@/lib/api-client';

/** Send a test, enable/disable, replace the secret and delete, each saying in words what happened. */
export function ChannelActions({
  id,
  name,
  enabled,
  secretLabel,
}: {
  id: string;
  name: string;
  enabled: boolean;
  secretLabel: string | null;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; bad?: boolean } | null>(null);
  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage({ text: await action() });
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? err.message : 'That did not work.', bad: true });
    } finally {
      setBusy(false);
      router.refresh();
    }
  };
  const replaceSecret = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const secret = String(new FormData(formElement).get('secret') ?? '');
    void run(async () => {
      await api('updateAlertChannel', { params: { id }, body: { secret } });
      formElement.reset();
      return 'Secret replaced.';
    });
  };
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const res = await api('testAlertChannel', { params: { id } });
              return res.status === 'succeeded' ? 'Test sent.' : 'Test queued: it appears in the log below.';
            })
          }
        >
          {busy ? <Loader2 className="animate-spin" aria-hidden /> : <Send aria-hidden />} Send a test
        </Button>
        <Button
          variant="outline"
          disabled={busy}
          onClick={() =>
            void run(
              async () => (
                await api('updateAlertChannel', { params: { id }, body: { enabled: !enabled } }),
                enabled ? 'Disabled.' : 'Enabled.'
              ),
            )
          }
        >
          <Power aria-hidden /> {enabled ? 'Disable' : 'Enable'}
        </Button>
        <ConfirmDialog
          trigger={
            <Button variant="outline" disabled={busy}>
              <Trash2 aria-hidden /> Delete
            </Button>
          }
          title={`Delete “${name}”?`}
          description="It leaves every rule at once, and its delivery log is deleted too."
          confirmLabel="Delete"
          danger
          onConfirm={() =>
            void api('deleteAlertChannel', { params: { id } }).then(
              () => router.push('/settings/alerts'),
              (err: Error) => setMessage({ text: err.message, bad: true }),
            )
          }
        />
        <span role="status" className={message?.bad ? 'text-sm text-danger' : 'text-sm text-muted-foreground'}>
          {message?.text ?? ''}
        </span>
      </div>
      {secretLabel && (
        <form onSubmit={replaceSecret} className="flex flex-wrap items-end gap-2" aria-label="Replace the secret">
          <label className="flex min-w-0 flex-col gap-1 text-sm sm:w-80">
            New {secretLabel.replace(' (optional)', '').toLowerCase()}
            <input
              name="secret"
              type="password"
              required
              autoComplete="off"
              className="h-9 w-full rounded-md border bg-background px-2"
            />
          </label>
          <Button type="submit" variant="outline" disabled={busy}>
            <KeyRound aria-hidden /> Replace
          </Button>
        </form>
      )}
    </div>
  );
}
