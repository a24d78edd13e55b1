import 'server-only';
import { getCheckpoint, type Db } from '@agent-studio/database';

/**
 * Whether the gateway offers `method`, as its last hello said (the bridge keeps it in the gateway status
 * checkpoint). True while that is unknown, so a control is hidden only on a gateway known to lack it.
 */
export async function gatewayOffers(db: Db, method: string): Promise<boolean> {
  const status = await getCheckpoint<{ methods?: string[] | null }>(db, 'gateway', 'status');
  return status?.methods?.includes(method) ?? true;
}
