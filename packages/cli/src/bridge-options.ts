import { dirname } from 'node:path';
import { openclawConfigPath } from '@agent-studio/gateway-bridge';
import { spoolDir, type Env } from './env';
import type { Flags } from './flags';
import { CLI_PATH } from './paths';

/** What the bridge reads on this machine besides the gateway: host crontabs, the exec spool, OpenClaw's old files. */
export function localSources(env: Env, flags: Flags, dataDir: string) {
  const crontabs = [...(flags.crontabs ?? []), ...(env.STUDIO_HOST_CRONTABS?.split(':').filter(Boolean) ?? [])];
  const configPath = openclawConfigPath(env);
  return {
    hostCron: { crontabs, spoolDir: spoolDir(env, dataDir), execCommand: [process.execPath, CLI_PATH] },
    openclawFiles: { stateDir: env.OPENCLAW_STATE_DIR ?? dirname(configPath), mode: env.STUDIO_OPENCLAW_FILES },
  };
}

export function gatewayEnv(env: Env) {
  return {
    OPENCLAW_CONFIG_PATH: env.OPENCLAW_CONFIG_PATH,
    OPENCLAW_GATEWAY_URL: env.OPENCLAW_GATEWAY_URL,
    OPENCLAW_GATEWAY_TOKEN: env.OPENCLAW_GATEWAY_TOKEN,
    OPENCLAW_WORKSPACE: env.OPENCLAW_WORKSPACE,
  };
}
