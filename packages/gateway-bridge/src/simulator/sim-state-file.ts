// The demo's simulated gateway keeps its state in the demo's data folder, as OpenClaw keeps its own: a restarted
// demo goes on with the same jobs, history and chats, instead of a new gateway whose history would sit beside the
// last one's (two days of runs twice, the last start's jobs shown as removed).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { GatewaySimulator, SimState } from './gateway-simulator';

// the file is the demo's own, but read from disk: its shape is checked where the simulator relies on it
const stateSchema = z.object({
  jobs: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      enabled: z.boolean(),
      schedule: z.looseObject({ kind: z.enum(['cron', 'every', 'at']) }),
      state: z.looseObject({ consecutiveErrors: z.number() }),
    }),
  ),
  runs: z.array(z.looseObject({ jobId: z.string(), runId: z.string(), runAtMs: z.number(), sessionKey: z.string() })),
  sessions: z.array(z.looseObject({ key: z.string(), sessionId: z.string(), hasActiveRun: z.boolean() })),
  transcripts: z.array(z.tuple([z.string(), z.array(z.looseObject({ role: z.string(), timestamp: z.number() }))])),
});

/** Restores the simulator from `file`; false when there is none, or it cannot be read (`onUnreadable` says why). */
export function loadSimState(sim: GatewaySimulator, file: string, onUnreadable: (why: string) => void): boolean {
  if (!existsSync(file)) return false;
  let parsed: ReturnType<typeof stateSchema.safeParse>;
  try {
    parsed = stateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    onUnreadable(`${file} is not JSON (${(err as Error).message}): the simulated gateway starts afresh`);
    return false;
  }
  if (!parsed.success) {
    onUnreadable(`${file} is not a simulator state (${parsed.error.issues[0]?.message}): it starts afresh`);
    return false;
  }
  sim.restore(parsed.data as unknown as SimState);
  return true;
}

/** Writes the simulator's state to `file` (whole or not at all: a kill mid-write leaves the last one). */
export function saveSimState(sim: GatewaySimulator, file: string): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(sim.snapshot()));
  renameSync(`${file}.tmp`, file);
}
