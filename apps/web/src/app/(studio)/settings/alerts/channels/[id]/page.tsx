import { alertChannelLabels, alertChannelSecrets } from '@agent-studio/core/alert-channels';
import { getAlertChannel, getAlertVapidKey, listAlertDeliveries } from '@agent-studio/database';
import { DetailHeading } from '@/components/ui/page-heading';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { rowOr404 } from '@/server/page-data';
import { DeliveryLog } from '../../_components/delivery-log';
import { ChannelActions } from './channel-actions';
import { WebPush } from './web-push';

export const dynamic = 'force-dynamic';

const SETTING_LABELS: Record<string, string> = {
  chatId: 'Chat id',
  apiBase: 'Bot API address',
  server: 'Server',
  topic: 'Topic',
  host: 'SMTP server',
  port: 'Port',
  security: 'Security',
  user: 'User name',
  from: 'From',
  to: 'To',
  channel: 'OpenClaw channel',
  accountId: 'Account',
};
export const metadata = { title: 'Alert channel' };

/** One channel: its settings (its secret only as its last characters), its controls and its delivery log. */
export default async function AlertChannelPage(props: { params: Promise<{ id: string }> }) {
  const { db, row: channel } = await rowOr404(props.params, getAlertChannel);
  const deliveries = await listAlertDeliveries(db, { channelId: channel.id, limit: 50 });
  const secret = alertChannelSecrets[channel.kind];
  const vapidKey = channel.kind === 'browser' ? await getAlertVapidKey(db) : null;
  return (
    <div className="flex flex-col gap-4">
      <DetailHeading back={{ href: '/settings/alerts', label: 'Alerts' }} title={channel.name}>
        <Badge tone="info">{alertChannelLabels[channel.kind]}</Badge>
        <Badge tone={channel.enabled ? 'success' : 'neutral'}>{channel.enabled ? 'enabled' : 'disabled'}</Badge>
        {channel.allow_private_network && <Badge tone="warning">private network allowed</Badge>}
      </DetailHeading>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {Object.entries(channel.config).map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-muted-foreground">{SETTING_LABELS[k] ?? k}</dt>
            <dd className="font-mono break-all">{String(v)}</dd>
          </div>
        ))}
        {secret && (
          <div className="contents">
            <dt className="text-muted-foreground">{secret.label}</dt>
            <dd className="font-mono" data-testid="secret-hint">
              {channel.secret_hint ?? (channel.kind === 'browser' ? 'off' : 'none')}
            </dd>
          </div>
        )}
      </dl>
      <ChannelActions
        id={channel.id}
        name={channel.name}
        enabled={channel.enabled}
        secretLabel={channel.kind === 'browser' ? null : (secret?.label ?? null)}
      />
      {channel.kind === 'browser' && <WebPush channelId={channel.id} vapidKey={vapidKey} on={channel.has_secret} />}
      <Card aria-label="Delivery log">
        <CardHeader title="Delivery log" />
        <DeliveryLog deliveries={deliveries} />
      </Card>
    </div>
  );
}
