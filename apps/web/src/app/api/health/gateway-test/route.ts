import type { z } from 'zod';
import type { gatewayTestResponse } from '@agent-studio/core/api/system';
import { route } from '@/server/http';
import { runCommand } from '@/server/api/commands';

export const dynamic = 'force-dynamic';

type Answer = z.infer<typeof gatewayTestResponse>;

/** The connection test, run by the bridge (the web process may have no network path to the gateway). */
export const POST = route(async (request: Request) => {
  // each step waits at most 5 s: URL, challenge, sign-in
  const cmd = await runCommand(request, 'gateway.test', {}, { waitMs: 20_000, target: null });
  const answer: Answer =
    cmd.status === 'succeeded'
      ? { diagnosis: cmd.result as Answer['diagnosis'], error: null }
      : { diagnosis: null, error: cmd.error ?? 'The bridge is still testing; try again in a moment.' };
  return Response.json(answer);
});
