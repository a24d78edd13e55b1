'use client';
import { Loader2, Network, Power, Send, Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { api, ApiError } from '@/lib/api-client';

/** Send test, enable/disable, allow/refuse private addresses and delete, each saying in words what happened. */
export function WebhookActions({
  id,
  name,
  enabled,
  allowPrivateNetwork,
}: {
  id: string;
  name: string;
  enabled: boolean;
  allowPrivateNetwork: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; bad?: boolean } | null>(null);
  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage({ text: await action() });
      router.refresh();
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? err.message : 'That did not work.', bad: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        disabled={busy}
        onClick={() =>
          void run(
            async () => (await api('testWebhook', { params: { id } }), 'Test queued: it appears in the log below.'),
          )
        }
      >
        {busy ? <Loader2 className="animate-spin" aria-hidden /> : <Send aria-hidden />} Send test
      </Button>
      <Button
        variant="outline"
        disabled={busy}
        onClick={() =>
          void run(
            async () => (
              await api('updateWebhook', { params: { id }, body: { enabled: !enabled } }),
              enabled ? 'Disabled.' : 'Enabled.'
            ),
          )
        }
      >
        <Power aria-hidden /> {enabled ? 'Disable' : 'Enable'}
      </Button>
      <Button
        variant="outline"
        disabled={busy}
        onClick={() =>
          void run(
            async () => (
              await api('updateWebhook', { params: { id }, body: { allowPrivateNetwork: !allowPrivateNetwork } }),
              allowPrivateNetwork ? 'Private network addresses refused.' : 'Private network addresses allowed.'
            ),
          )
        }
      >
        <Network aria-hidden /> {allowPrivateNetwork ? 'Refuse private network' : 'Allow private network'}
      </Button>
      <ConfirmDialog
        trigger={
          <Button variant="outline" disabled={busy}>
            <Trash2 aria-hidden /> Delete
          </Button>
        }
        title={`Delete “${name}”?`}
        description="It stops receiving events at once, and its delivery log is deleted too."
        confirmLabel="Delete"
        danger
        onConfirm={() =>
          void api('deleteWebhook', { params: { id } }).then(
            () => router.push('/settings'),
            (err: Error) => setMessage({ text: err.message, bad: true }),
          )
        }
      />
      <span role="status" className={message?.bad ? 'text-sm text-danger' : 'text-sm text-muted-foreground'}>
        {message?.text ?? ''}
      </span>
    </div>
  );
}
