// Which gateway a part of the bridge writes rows for (issue 18): every mirrored row names its gateway. One bridge
// serves the default gateway for now; a bridge per gateway passes its own id to each part.
import { DEFAULT_GATEWAY_ID, type Db } from '@agent-studio/database';
import type { GatewayCalls } from './commands/context';
import type { GatewayClient } from './gateway/client';
import type { Logger } from './logger';

export interface OfGateway {
  /** The gateway whose rows these are (the bridge names its own); the default gateway when left out. */
  gatewayId?: string;
}

export const gatewayOf = (o: OfGateway): string => o.gatewayId ?? DEFAULT_GATEWAY_ID;

/** What a source that reads the gateway's calls and events is given. */
export interface GatewaySourceOptions {
  db: Db;
  /** The gateway whose rows these are. */
  gatewayId: string;
  logger: Logger;
  client: GatewayClient;
  calls: () => GatewayCalls | null;
}
