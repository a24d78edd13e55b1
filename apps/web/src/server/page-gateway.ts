import 'server-only';
import { cookies } from 'next/headers';
import { listGateways, type GatewayRow, type Queryable } from '@agent-studio/database';
import { GATEWAY_COOKIE, GATEWAY_PARAM } from '@/lib/gateway-filter';
import type { GatewayNames } from './gateway-names';

export interface PageGateway {
  gateways: GatewayRow[];
  names: GatewayNames;
  /** The gateway the page shows, or null: all of them. */
  selected: GatewayRow | null;
  /** What the page's queries filter by: the selected gateway's id, or undefined (every gateway's rows). */
  gatewayId: string | undefined;
  /** More than one gateway: the switcher shows, and rows name their gateway. */
  fleet: boolean;
}

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The gateway a page shows: the one its `?gateway=` names, else the switcher's cookie, by name or id. With one
 * gateway, or one named that does not exist (removed since the cookie was set), the page shows everything.
 */
export async function pageGateway(db: Queryable, searchParams?: SearchParams): Promise<PageGateway> {
  const gateways = await listGateways(db);
  const names = new Map(gateways.map((g) => [g.id, g.name]));
  const param = searchParams?.[GATEWAY_PARAM];
  const ref = (typeof param === 'string' ? param : undefined) ?? (await cookies()).get(GATEWAY_COOKIE)?.value;
  const fleet = gateways.length > 1;
  const selected = (fleet && ref && gateways.find((g) => g.name === ref || g.id === ref)) || null;
  return { gateways, names, selected, gatewayId: selected?.id, fleet };
}
