import 'server-only';
// Every job, run, session, content item and inbox entry the API answers names its gateway (issue 18, the fleet).
import { listGateways, type Queryable } from '@agent-studio/database';

/** Gateway id → its name (the gateways table is a handful of rows: read whole, once per answer). */
export type GatewayNames = ReadonlyMap<string, string>;

export async function gatewayNames(db: Queryable): Promise<GatewayNames> {
  return new Map((await listGateways(db)).map((g) => [g.id, g.name]));
}

/** The `gateway` of a row's answer; a gateway made since the names were read is named by its id. */
export const gatewayOf = (names: GatewayNames, id: string) => ({ id, name: names.get(id) ?? id });
