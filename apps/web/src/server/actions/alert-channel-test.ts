import 'server-only';
import type { Actor } from '@agent-studio/core';
import { DEFAULT_GATEWAY_ID, getAlertChannel, type CommandRow } from '@agent-studio/database';
import { existing } from './lookup';
import { runCommand } from './queue';

// the bridge tries once at once (a channel's own timeout is 10 s)
const WAIT_MS = 15_000;

export interface AlertTestResult {
  command: CommandRow;
  delivery: { deliveryId: string; status: string; error: string | null } | null;
}

/**
 * "Send a test": the bridge sends it (the web app never calls out) and answers with the first attempt's
 * outcome; the delivery log shows it and any retry. A failed send is the command's failure, with the reason.
 */
export async function testAlertChannel(actor: Actor, channelId: string): Promise<AlertTestResult> {
  const channel = await existing('Alert channel', channelId, getAlertChannel);
  // alerts are the studio's, not a gateway's: the default gateway's bridge sends them
  const command = await runCommand(
    actor,
    'alert.test',
    { channelId: channel.id },
    { waitMs: WAIT_MS, target: null, gatewayId: DEFAULT_GATEWAY_ID },
  );
  const delivery = command.status === 'succeeded' ? (command.result as AlertTestResult['delivery']) : null;
  return { command, delivery };
}
