import {
  listAlertChannels,
  listAlertDeliveries,
  listAlertIncidents,
  listAlertRuleSettings,
} from '@agent-studio/database';
import { BackLink } from '@/components/ui/page-heading';
import { Badge } from '@/components/ui/badge';
import { TitledCard } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { TimeAgo } from '@/components/ui/time-ago';
import { toAlertChannel, toAlertRule } from '@/server/api/alerts';
import { getDb } from '@/server/db';
import { BrowserPermission } from './_components/browser-permission';
import { Channels } from './_components/channels';
import { DeliveryLog } from './_components/delivery-log';
import { Rules } from './_components/rules';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Alerts' };

/** Alerts (issue 19): what is watched (rules), where it is told (channels), what is open, and what was sent. */
export default async function AlertsPage() {
  const db = await getDb();
  const [rules, channels, incidents, deliveries] = await Promise.all([
    listAlertRuleSettings(db),
    listAlertChannels(db),
    listAlertIncidents(db, 20),
    listAlertDeliveries(db, { limit: 30 }),
  ]);
  const channelNames = Object.fromEntries(channels.map((c) => [c.id, c.name]));
  return (
    <div className="flex flex-col gap-4">
      <BackLink href="/settings">Settings</BackLink>
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-semibold">Alerts</h1>
        <p className="text-sm text-muted-foreground">
          The studio’s bridge watches these while the browser is closed and while OpenClaw is away. Everything a rule
          finds open is one incident: one message when it opens, at most one “still open” every 10 minutes, and one when
          it is resolved.
        </p>
      </div>
      <TitledCard title="Incidents">
        {incidents.length ? (
          <ul className="divide-y">
            {incidents.map((i) => (
              <li key={i.id} className="flex flex-col gap-1 px-4 py-3 text-sm">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <Badge tone={i.resolved_at ? 'success' : 'danger'}>{i.resolved_at ? 'resolved' : 'open'}</Badge>
                  <span className="font-medium">{i.title}</span>
                  <span className="text-xs text-muted-foreground sm:ml-auto">
                    opened <TimeAgo date={i.opened_at} />
                    {i.resolved_at && (
                      <>
                        {' '}
                        · resolved <TimeAgo date={i.resolved_at} />
                      </>
                    )}
                  </span>
                </div>
                {!i.resolved_at && (
                  <ul className="list-disc pl-5 text-muted-foreground">
                    {i.items.slice(0, 5).map((item) => (
                      <li key={item.key} className="break-words">
                        {item.title}: {item.detail}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="No incidents">When a rule that is on finds something, it shows here.</EmptyState>
        )}
      </TitledCard>
      <TitledCard title="Rules">
        <Rules rules={rules.map(toAlertRule)} channels={channels.map(toAlertChannel)} />
      </TitledCard>
      <TitledCard title="Channels" action={<BrowserPermission />}>
        <Channels channels={channels.map(toAlertChannel)} />
      </TitledCard>
      <TitledCard title="Delivery log">
        <DeliveryLog deliveries={deliveries} channelNames={channelNames} />
      </TitledCard>
    </div>
  );
}
