import type { CommandKind, CommandPayload } from '@agent-studio/core';
import type { CommandRow, Db } from '@agent-studio/database';
import type { GatewayEnv } from '../gateway/config';
import type { Logger } from '../logger';
import type { OfGateway } from '../of-gateway';
import { waitFor } from '../wait';

/** How the bridge runs host-cron jobs: `agent-studio exec` (argv up to `exec`), writing to this spool. */
export interface HostCronRunner {
  execCommand: string[];
  spoolDir: string;
}

/** What a command handler may use. `gateway` is null while the bridge is not connected. */
/** `gatewayId`: the gateway this bridge serves, where what a command creates is mirrored. */
export interface CommandContext extends OfGateway {
  db: Db;
  gateway: GatewayCalls | null;
  logger: Logger;
  /** Runs host-cron jobs (null: this bridge reads no host crontabs). */
  hostCron?: HostCronRunner | null;
  /** Where the bridge finds the gateway and keeps its device key (for the connection test). */
  gatewayTarget?: { url: string; token: string } | { env: GatewayEnv };
  identityDir?: string;
  /** Sends an alert delivery at once (the channels' "Send a test"). */
  alerts?: { sendTest(channelId: string): Promise<unknown> } | null;
}

/** The part of the gateway client handlers need (kept narrow so handlers are easy to follow). */
export interface GatewayCalls {
  request<T = unknown>(method: string, params?: unknown, opts?: { timeoutMs?: number }): Promise<T>;
  supports(method: string): boolean;
}

export type CommandHandler<K extends CommandKind = CommandKind> = (
  ctx: CommandContext,
  payload: CommandPayload<K>,
  cmd: CommandRow,
) => Promise<unknown>;

/** A failure to tell the owner in words; its message is stored on the command and shown in the studio. */
export class CommandError extends Error {}

// A command that arrives while the gateway is (re)connecting waits this long before failing.
const CONNECT_GRACE_MS = 5000;

export async function requireGateway(ctx: CommandContext, method: string): Promise<GatewayCalls> {
  const gateway = await waitFor(() => ctx.gateway, CONNECT_GRACE_MS);
  if (!gateway)
    throw new CommandError(
      'The OpenClaw gateway is unreachable (the bridge is not connected to it); try again once it is back.',
    );
  if (!gateway.supports(method))
    throw new CommandError(`This OpenClaw gateway does not offer "${method}" (it may be an older version).`);
  return gateway;
}
