// A bridge on the gateway simulator as the simulator tests start it: its device under `dir`, logging nothing.
import type { Db } from '@agent-studio/database';
import { startBridge, type Bridge, type BridgeOptions } from '../src/bridge';
import { silentLogger } from '../src/logger';
import type { GatewaySimulator } from '../src/simulator/gateway-simulator';

export function bridgeOnSimulator(
  db: Db,
  sim: GatewaySimulator,
  dir: string,
  worker: string,
  more: Partial<BridgeOptions> = {},
): Promise<Bridge> {
  return startBridge({
    db,
    identityDir: dir,
    gateway: { url: sim.url, token: sim.token },
    logger: silentLogger,
    worker,
    ...more,
  });
}
