'use client';
import { Network } from 'lucide-react';
import { RecordControls, useRecordActions } from '@/components/settings/record-actions';
import { Button } from '@/components/ui/button';
import { api } from '@/lib/api-client';

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
  const actions = useRecordActions();
  const update = (body: { enabled?: boolean; allowPrivateNetwork?: boolean }, said: string) =>
    void actions.run(async () => (await api('updateWebhook', { params: { id }, body }), said));
  return (
    <RecordControls
      actions={actions}
      testLabel="Send test"
      onTest={() =>
        void actions.run(
          async () => (await api('testWebhook', { params: { id } }), 'Test queued: it appears in the log below.'),
        )
      }
      enabled={enabled}
      onToggle={() => update({ enabled: !enabled }, enabled ? 'Disabled.' : 'Enabled.')}
      name={name}
      deleteWarning="It stops receiving events at once, and its delivery log is deleted too."
      onDelete={() => actions.remove(() => api('deleteWebhook', { params: { id } }), '/settings')}
    >
      <Button
        variant="outline"
        disabled={actions.busy}
        onClick={() =>
          update(
            { allowPrivateNetwork: !allowPrivateNetwork },
            allowPrivateNetwork ? 'Private network addresses refused.' : 'Private network addresses allowed.',
          )
        }
      >
        <Network aria-hidden /> {allowPrivateNetwork ? 'Refuse private network' : 'Allow private network'}
      </Button>
    </RecordControls>
  );
}
