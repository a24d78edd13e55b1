'use client';
import { KeyRound } from 'lucide-react';
import type { FormEvent } from 'react';
import { RecordControls, useRecordActions } from '@/components/settings/record-actions';
import { Button } from '@/components/ui/button';
import { api } from '@/lib/api-client';

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
  const actions = useRecordActions({ refreshAfterFailure: true });
  const replaceSecret = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const secret = String(new FormData(formElement).get('secret') ?? '');
    void actions.run(async () => {
      await api('updateAlertChannel', { params: { id }, body: { secret } });
      formElement.reset();
      return 'Secret replaced.';
    });
  };
  return (
    <div className="flex flex-col gap-3">
      <RecordControls
        actions={actions}
        testLabel="Send a test"
        onTest={() =>
          void actions.run(async () => {
            const res = await api('testAlertChannel', { params: { id } });
            return res.status === 'succeeded' ? 'Test sent.' : 'Test queued: it appears in the log below.';
          })
        }
        enabled={enabled}
        onToggle={() =>
          void actions.run(
            async () => (
              await api('updateAlertChannel', { params: { id }, body: { enabled: !enabled } }),
              enabled ? 'Disabled.' : 'Enabled.'
            ),
          )
        }
        name={name}
        deleteWarning="It leaves every rule at once, and its delivery log is deleted too."
        onDelete={() => actions.remove(() => api('deleteAlertChannel', { params: { id } }), '/settings/alerts')}
      />
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
          <Button type="submit" variant="outline" disabled={actions.busy}>
            <KeyRound aria-hidden /> Replace
          </Button>
        </form>
      )}
    </div>
  );
}
