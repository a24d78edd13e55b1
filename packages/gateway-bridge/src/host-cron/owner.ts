// One bridge of a machine imports its host cron (the exec spool, the crontabs named to it), for one gateway: two
// `bridge --gateway` processes of one data folder would otherwise import every run under both gateways. The first
// bridge to start writes its gateway in a lock file in the spool folder, and the machine's host cron is that
// gateway's from then on: its bridges import it, one at a time (a standby takes over once the holder has stopped),
// and `agent-studio exec` writing straight to the database records its runs under it too. Another gateway's bridge
// leaves it alone; removing the file gives it to the next bridge that starts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_GATEWAY_ID, lockNote, LockHeldError, takeLock } from '@agent-studio/database';

const OWNER_FILE = 'owner.lock';

export const hostCronOwnerFile = (spoolDir: string) => join(spoolDir, OWNER_FILE);

/**
 * Takes the machine's host cron for `gatewayId`: its release, or who has it: another gateway (`heldBy` null when
 * none of its bridges runs now), or a live bridge of this one.
 */
export function claimHostCron(
  spoolDir: string,
  gatewayId: string,
): { release: () => void } | { heldBy: number | null; gatewayId: string } {
  mkdirSync(spoolDir, { recursive: true, mode: 0o700 });
  const file = hostCronOwnerFile(spoolDir);
  try {
    const owner = lockNote(file);
    if (owner && owner !== gatewayId) return { heldBy: null, gatewayId: owner };
    return { release: takeLock(file, gatewayId) };
  } catch (err) {
    if (err instanceof LockHeldError) return { heldBy: err.owner, gatewayId: err.note };
    throw err;
  }
}

/** The gateway this machine's host cron is recorded under (see above), else the default gateway. */
export const hostCronGateway = (spoolDir: string): string =>
  lockNote(hostCronOwnerFile(spoolDir)) ?? DEFAULT_GATEWAY_ID;
