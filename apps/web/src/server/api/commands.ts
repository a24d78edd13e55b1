import 'server-only';
import type { CommandKind, CommandPayload } from '@agent-studio/core';
import { enqueueCommand, getCommand, type CommandRow } from '@agent-studio/database';
import { getDb } from '../db';
import { subscribe } from '../live-hub';

/**
 * Queues an action for the bridge and waits up to `waitMs` for its outcome (a `command.updated` event), so
 * a quick action answers in one request and a slow one answers 202 with the command to follow.
 */
export async function runCommand<K extends CommandKind>(kind: K, payload: CommandPayload<K>, waitMs: number): Promise<CommandRow> {
  const db = await getDb();
  const cmd = await enqueueCommand(db, kind, payload);
  if (waitMs <= 0) return cmd;
  let settle: () => void = () => {};
  const finished = new Promise<void>((resolve) => (settle = resolve));
  const unsubscribe = await subscribe(['system'], null, (e) => {
    if (e.type === 'command.updated' && e.payload.commandId === cmd.id && (e.payload.status === 'succeeded' || e.payload.status === 'failed')) settle();
  });
  try {
    // it may have finished before we subscribed
    const now = await getCommand(db, cmd.id);
    if (now && (now.status === 'succeeded' || now.status === 'failed')) return now;
    await Promise.race([finished, new Promise((r) => setTimeout(r, waitMs))]);
  } finally {
    unsubscribe();
  }
  return (await getCommand(db, cmd.id)) ?? cmd;
}

export const queued = (c: CommandRow) => ({ commandId: c.id, status: c.status, error: c.error });
