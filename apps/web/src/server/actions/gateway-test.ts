import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@agent-studio/core';
import type { gatewayTestResponse } from '@agent-studio/core/api/system';
import { DEFAULT_GATEWAY_ID } from '@agent-studio/database';
import { runCommand } from './queue';

type Answer = z.infer<typeof gatewayTestResponse>;

/** The connection test, run by the bridge (the web process may have no network path to the gateway). */
export async function testGateway(actor: Actor): Promise<Answer> {
  // each step waits at most 5 s: URL, challenge, sign-in
  // the Connect page configures the default gateway (the studio's own OpenClaw)
  const cmd = await runCommand(
    actor,
    'gateway.test',
    {},
    { waitMs: 20_000, target: null, gatewayId: DEFAULT_GATEWAY_ID },
  );
  return cmd.status === 'succeeded'
    ? { diagnosis: cmd.result as Answer['diagnosis'], error: null }
    : { diagnosis: null, error: cmd.error ?? 'The bridge is still testing; try again in a moment.' };
}
