'use client';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import type { z } from 'zod';
import { alertChannelLabels, type AlertChannelKindName } from '@agent-studio/core/alert-channels';
import type { alertChannel } from '@agent-studio/core/api';
import { CreateForm, useCreateForm } from '@/components/settings/create-form';
import { NameField } from '@/components/settings/name-field';
import { LogLink } from '@/components/settings/log-link';
import { PrivateNetworkCheckbox, SenderBadges } from '@/components/settings/private-network';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { api } from '@/lib/api-client';
import { ChannelFields, configFrom } from './channel-fields';

type Channel = z.infer<typeof alertChannel>;
const KINDS = Object.keys(alertChannelLabels) as AlertChannelKindName[];
const DIRECT = new Set<AlertChannelKindName>(['telegram', 'slack', 'discord', 'ntfy', 'email']);

/** Add a channel (its secret is sealed at once, never shown again) and list them, each opening its log. */
export function Channels({ channels }: { channels: Channel[] }) {
  const [kind, setKind] = useState<AlertChannelKindName>('telegram');
  const { error, submitWith } = useCreateForm('The channel could not be added.');
  const create = submitWith(async (form) => {
    const secret = String(form.get('secret') ?? '');
    await api('createAlertChannel', {
      body: {
        name: String(form.get('name') ?? ''),
        kind,
        config: configFrom(form),
        ...(secret ? { secret } : {}),
        allowPrivateNetwork: form.get('allowPrivateNetwork') === 'on',
      },
    });
  });
  return (
    <div className="flex flex-col gap-4">
      <CreateForm label="New channel" onSubmit={create} submit={{ icon: Plus, label: 'Add channel' }} error={error}>
        <div className="flex flex-col gap-3 sm:flex-row">
          <label className="flex flex-col gap-1 text-sm sm:w-56">
            Kind
            <select
              name="kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as AlertChannelKindName)}
              className="h-9 rounded-md border bg-background px-2"
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {alertChannelLabels[k]}
                </option>
              ))}
            </select>
          </label>
          <NameField placeholder="e.g. My phone" className="sm:w-64" />
        </div>
        <ChannelFields key={kind} kind={kind} />
        {DIRECT.has(kind) && (
          <PrivateNetworkCheckbox>
            Only for a server on this machine or your own network. Without it the studio sends to public addresses only.
          </PrivateNetworkCheckbox>
        )}
        {kind === 'openclaw' && (
          <p className="text-xs text-muted-foreground">
            Sent by OpenClaw itself, so only while the gateway is reachable: an alert about the gateway being away also
            needs a direct channel.
          </p>
        )}
        {kind === 'browser' && (
          <p className="text-xs text-muted-foreground">
            A system notification from each open studio tab that was allowed to show them.
          </p>
        )}
      </CreateForm>
      {channels.length ? (
        <ul className="divide-y border-t">
          {channels.map((c) => (
            <li key={c.id}>
              <LogLink href={`/settings/alerts/channels/${c.id}`}>
                <span className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
                  <span className="font-medium">{c.name}</span>
                  <Badge tone="info">{alertChannelLabels[c.kind]}</Badge>
                  <SenderBadges enabled={c.enabled} allowPrivateNetwork={c.allowPrivateNetwork} />
                  {c.secretHint && <span className="font-mono text-xs text-muted-foreground">{c.secretHint}</span>}
                </span>
              </LogLink>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="No channels">Add one to be told when a rule finds something.</EmptyState>
      )}
    </div>
  );
}
