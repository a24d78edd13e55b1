import { listGateways } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { GatewayBadge } from './gateway-badge';

/** A detail page's gateway (a run's, a session's, a content item's), named only where there are several. */
export async function RowGateway({ id }: { id: string }) {
  const gateways = await listGateways(await getDb());
  if (gateways.length < 2) return null;
  return <GatewayBadge name={gateways.find((g) => g.id === id)?.name} />;
}
