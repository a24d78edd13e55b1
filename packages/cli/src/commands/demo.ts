import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { GatewaySimulator, loadSimState, saveSimState, startDemoActivity } from '@agent-studio/gateway-bridge';
import type { Logger } from '../log';
import type { Flags } from '../flags';
import { DEMO_DIR } from '../paths';
import { runStudio } from './studio';

// a demo killed rather than stopped loses at most this much of its simulated gateway's state
const SAVE_EVERY_MS = 60_000;

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
  // the simulated gateway's state lives beside the studio's, as OpenClaw's does: a restart goes on from it
  const stateFile = resolve(dataDir, 'simulator.json');
  const resumed = loadSimState(sim, stateFile, (why) => log.warn(why));
  const url = await sim.start();
  const stopActivity = startDemoActivity(sim, { gtmDir, resumed });
  const save = () => saveSimState(sim, stateFile);
  const saving = setInterval(save, SAVE_EVERY_MS);
  log.info(`demo: OpenClaw simulator on ${url}${resumed ? ' (its state restored)' : ''}, content folder ${gtmDir}`);
  await runStudio(flags, log, {
    dataDir,
    gateway: { url, token: sim.token, workspaceDir: resolve(dataDir, 'workspace') },
    gtmDir,
    onStop: async () => {
      stopActivity();
      clearInterval(saving);
      save();
      await sim.stop();
    },
  });
}
