// A bridge restarted after a crash need not wait its own leases out (issue 18, step 3): its data folder
// remembers which holder the last bridge for the gateway was, on which host and in which process. If that
// process is gone from this host, the holder is dead and its leases are taken at once; otherwise (another host,
// the process alive, or its pid reused) they are waited out as any other holder's.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '@agent-studio/database';

interface HolderRecord {
  holder: string;
  host: string;
  pid: number;
}

const fileOf = (dataDir: string, gatewayId: string) => join(dataDir, `bridge-lease-${gatewayId}.json`);

/** The holder this data folder's previous bridge for the gateway was, if that process is gone; else null. */
export function deadPredecessor(dataDir: string, gatewayId: string): string | null {
  let last: HolderRecord;
  try {
    last = JSON.parse(readFileSync(fileOf(dataDir, gatewayId), 'utf8')) as HolderRecord;
  } catch {
    return null;
  }
  if (typeof last.holder !== 'string' || last.host !== hostname() || last.pid === process.pid) return null;
  return isAlive(last.pid) ? null : last.holder;
}

/** This process is the data folder's bridge for the gateway from now on. */
export function recordHolder(dataDir: string, gatewayId: string, holder: string): void {
  const record: HolderRecord = { holder, host: hostname(), pid: process.pid };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(fileOf(dataDir, gatewayId), JSON.stringify(record));
}
