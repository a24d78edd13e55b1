import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { GatewaySimulator, startDemoActivity } from '@agent-studio/gateway-bridge';
import type { Logger } from '../log';
import type { Flags } from '../flags';
import { DEMO_DIR } from '../paths';
import { runStudio } from './studio';

/**
 * `agent-studio demo`: the studio on a built-in OpenClaw simulator with scripted activity, in its own data
 * folder so it never mixes with a real installation's data.
 */
export async function runDemo(flags: Flags, log: Logger): Promise<void> {
  const dataDir = resolve(process.env.STUDIO_DATA_DIR ?? DEMO_DIR);
  const gtmDir = resolve(dataDir, 'workspace/gtm');
  mkdirSync(gtmDir, { recursive: true });
  const sim = new GatewaySimulator();
  // how long a launched swarm's sub-agents work (tests that cancel one make it long)
  const swarmSeconds = Number(process.env.STUDIO_DEMO_SWARM_SECONDS);
  if (swarmSeconds > 0) sim.swarmWorkMs = [swarmSeconds * 1000, swarmSeconds * 1000];
  const url = await sim.start();
  const stopActivity = startDemoActivity(sim, { gtmDir });
  log.info(`demo: OpenClaw simulator on ${url}, content folder ${gtmDir}`);
  await runStudio(flags, log, {
    dataDir,
    gateway: { url, token: sim.token, workspaceDir: resolve(dataDir, 'workspace') },
    gtmDir,
    onStop: async () => {
      stopActivity();
      await sim.stop();
    },
  });
}
