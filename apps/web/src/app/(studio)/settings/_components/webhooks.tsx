'use client';
import { Webhook as WebhookIcon } from 'lucide-react';
import { useState } from 'react';
import { webhookEventLabels, webhookEventTypes, type WebhookEventType } from '@agent-studio/core/webhook-events';
import { CreateForm, useCreateForm } from '@/components/settings/create-form';
import { NameField } from '@/components/settings/name-field';
import { LogLink } from '@/components/settings/log-link';
import { PrivateNetworkCheckbox, SenderBadges } from '@/components/settings/private-network';
import { SecretOnce } from '@/components/settings/secret-once';
import { WebhookEventBadges } from '@/components/settings/webhook-event-badges';
import { EmptyState } from '@/components/ui/empty-state';
import { api } from '@/lib/api-client';

export interface WebhookSummary {
  id: string;
  name: string;
  url: string;
  eventTypes: WebhookEventType[];
  enabled: boolean;
  allowPrivateNetwork: boolean;
}

/** Create a webhook (its signing secret is shown once) and list them, each linking to its delivery log. */
export function Webhooks({ webhooks }: { webhooks: WebhookSummary[] }) {
  const [secret, setSecret] = useState<string | null>(null);
  const { error, submitWith } = useCreateForm('The webhook could not be created.');
  const create = submitWith(async (form) => {
    const res = await api('createWebhook', {
      body: {
        name: String(form.get('name') ?? ''),
        url: String(form.get('url') ?? ''),
        eventTypes: form.getAll('eventType').map(String) as WebhookEventType[],
        allowPrivateNetwork: form.get('allowPrivateNetwork') === 'on',
      },
    });
    setSecret(res.secret);
  });
  return (
    <div className="flex flex-col gap-4">
      <CreateForm
        label="New webhook"
        onSubmit={create}
        submit={{ icon: WebhookIcon, label: 'Create webhook' }}
        error={error}
      >
        <div className="flex flex-col gap-3 sm:flex-row">
          <NameField placeholder="e.g. Slack relay" className="sm:w-56" />
          <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
            URL
            <input
              name="url"
              type="url"
              required
              maxLength={2000}
              placeholder="https://example.com/hooks/studio"
              className="h-9 w-full min-w-0 rounded-md border bg-background px-2"
            />
          </label>
        </div>
        <fieldset className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
          <legend className="mb-1 text-sm">Send when</legend>
          {webhookEventTypes.map((t) => (
            <label key={t} className="flex items-center gap-1">
              <input type="checkbox" name="eventType" value={t} defaultChecked={t === 'job.failed'} />{' '}
              {webhookEventLabels[t]}
            </label>
          ))}
        </fieldset>
        <PrivateNetworkCheckbox>
          Only for a receiver on this machine or your own network (localhost, 10.x, 192.168.x, link-local). Without it
          the studio sends to public addresses only.
        </PrivateNetworkCheckbox>
      </CreateForm>
      {secret && (
        <SecretOnce secret={secret} testId="new-webhook-secret">
          Copy the signing secret now: it is not shown again. Check each request’s X-Studio-Signature with it.
        </SecretOnce>
      )}
      {webhooks.length ? (
        <ul className="divide-y border-t">
          {webhooks.map((w) => (
            <li key={w.id}>
              <LogLink href={`/settings/webhooks/${w.id}`}>
                <span className="flex min-w-0 flex-1 flex-col gap-1">
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{w.name}</span>
                    <SenderBadges enabled={w.enabled} allowPrivateNetwork={w.allowPrivateNetwork} />
                  </span>
                  <span className="truncate font-mono text-xs text-muted-foreground">{w.url}</span>
                  <WebhookEventBadges types={w.eventTypes} />
                </span>
              </LogLink>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="No webhooks">
          Create one to have the studio POST signed JSON to another service when something happens.
        </EmptyState>
      )}
    </div>
  );
}
