// Where the gateway is and how to authenticate: OpenClaw's own config (JSON5), overridden by the environment.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import JSON5 from 'json5';
import { z } from 'zod';

const configSchema = z
  .object({
    gateway: z
      .object({
        port: z.number().int().optional(),
        bind: z.string().optional(),
        auth: z.object({ mode: z.string().optional(), token: z.string().optional() }).loose().optional(),
      })
      .loose()
      .optional(),
    agents: z.object({ defaults: z.object({ workspace: z.string().optional() }).loose().optional() }).loose().optional(),
  })
  .loose();

export interface GatewayEnv {
  OPENCLAW_CONFIG_PATH?: string;
  OPENCLAW_GATEWAY_URL?: string;
  OPENCLAW_GATEWAY_TOKEN?: string;
  OPENCLAW_WORKSPACE?: string;
}

export interface GatewayConfig {
  url: string;
  token: string;
  workspaceDir: string;
}

export class GatewayConfigError extends Error {}

export function loadGatewayConfig(env: GatewayEnv, home = homedir()): GatewayConfig {
  const path = env.OPENCLAW_CONFIG_PATH ?? join(home, '.openclaw/openclaw.json');
  let config: z.infer<typeof configSchema> = {};
  if (existsSync(path)) {
    let raw: unknown;
    try {
      raw = JSON5.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new GatewayConfigError(`${path} is not valid JSON5: ${(err as Error).message}`);
    }
    const parsed = configSchema.safeParse(raw);
    if (!parsed.success) throw new GatewayConfigError(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    config = parsed.data;
  } else if (!env.OPENCLAW_GATEWAY_URL || !env.OPENCLAW_GATEWAY_TOKEN) {
    throw new GatewayConfigError(`OpenClaw's config was not found at ${path}. Set OPENCLAW_CONFIG_PATH, or OPENCLAW_GATEWAY_URL and OPENCLAW_GATEWAY_TOKEN.`);
  }
  const bind = config.gateway?.bind;
  const host = !bind || bind === 'loopback' || bind === 'auto' ? '127.0.0.1' : bind === 'lan' || bind === 'all' ? '127.0.0.1' : bind;
  const url = env.OPENCLAW_GATEWAY_URL ?? `ws://${host}:${config.gateway?.port ?? 18789}`;
  const token = env.OPENCLAW_GATEWAY_TOKEN ?? config.gateway?.auth?.token;
  if (!token) throw new GatewayConfigError(`No gateway token: set gateway.auth.token in ${path} or OPENCLAW_GATEWAY_TOKEN.`);
  const stateDir = join(path, '..');
  const workspaceDir = resolve(env.OPENCLAW_WORKSPACE ?? config.agents?.defaults?.workspace?.replace(/^~(?=\/)/, home) ?? join(stateDir, 'workspace'));
  return { url, token, workspaceDir };
}
