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
    agents: z
      .object({ defaults: z.object({ workspace: z.string().optional() }).loose().optional() })
      .loose()
      .optional(),
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

/** What the studio looked for and found (never the token itself), and why it cannot connect from it, if so. */
export interface ConfigInspection {
  path: string;
  /** The path came from OPENCLAW_CONFIG_PATH, or is OpenClaw's default. */
  pathFrom: 'OPENCLAW_CONFIG_PATH' | 'default';
  found: boolean;
  url: string | null;
  urlFrom: 'OPENCLAW_GATEWAY_URL' | 'gateway.port' | 'default port' | null;
  tokenFrom: 'OPENCLAW_GATEWAY_TOKEN' | 'gateway.auth.token' | null;
  workspaceDir: string | null;
  /** Why no connection can be made from this (null: it can). */
  problem: string | null;
}

/** OpenClaw's config: OPENCLAW_CONFIG_PATH, else its default profile's (~/.openclaw/openclaw.json). */
export function openclawConfigPath(env: Pick<GatewayEnv, 'OPENCLAW_CONFIG_PATH'>, home = homedir()): string {
  return env.OPENCLAW_CONFIG_PATH ?? join(home, '.openclaw/openclaw.json');
}

export function inspectGatewayConfig(env: GatewayEnv, home = homedir()): ConfigInspection & { token: string | null } {
  const path = openclawConfigPath(env, home);
  const seen = {
    path,
    pathFrom: env.OPENCLAW_CONFIG_PATH ? ('OPENCLAW_CONFIG_PATH' as const) : ('default' as const),
    found: existsSync(path),
  };
  const none = { url: null, urlFrom: null, tokenFrom: null, workspaceDir: null, token: null };
  let config: z.infer<typeof configSchema> = {};
  if (seen.found) {
    let raw: unknown;
    try {
      raw = JSON5.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      return { ...seen, ...none, problem: `${path} is not valid JSON5: ${(err as Error).message}` };
    }
    const parsed = configSchema.safeParse(raw);
    if (!parsed.success)
      return {
        ...seen,
        ...none,
        problem: `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      };
    config = parsed.data;
  } else if (!env.OPENCLAW_GATEWAY_URL || !env.OPENCLAW_GATEWAY_TOKEN) {
    return {
      ...seen,
      ...none,
      problem: `OpenClaw's config was not found at ${path}. Set OPENCLAW_CONFIG_PATH, or OPENCLAW_GATEWAY_URL and OPENCLAW_GATEWAY_TOKEN.`,
    };
  }
  const bind = config.gateway?.bind;
  const host =
    !bind || bind === 'loopback' || bind === 'auto'
      ? '127.0.0.1'
      : bind === 'lan' || bind === 'all'
        ? '127.0.0.1'
        : bind;
  const url = env.OPENCLAW_GATEWAY_URL ?? `ws://${host}:${config.gateway?.port ?? 18789}`;
  const urlFrom = env.OPENCLAW_GATEWAY_URL
    ? 'OPENCLAW_GATEWAY_URL'
    : config.gateway?.port
      ? 'gateway.port'
      : 'default port';
  const token = env.OPENCLAW_GATEWAY_TOKEN ?? config.gateway?.auth?.token ?? null;
  const tokenFrom = env.OPENCLAW_GATEWAY_TOKEN ? 'OPENCLAW_GATEWAY_TOKEN' : token ? 'gateway.auth.token' : null;
  const stateDir = join(path, '..');
  const workspaceDir = resolve(
    env.OPENCLAW_WORKSPACE ??
      config.agents?.defaults?.workspace?.replace(/^~(?=\/)/, home) ??
      join(stateDir, 'workspace'),
  );
  const problem = token ? null : `No gateway token: set gateway.auth.token in ${path} or OPENCLAW_GATEWAY_TOKEN.`;
  return { ...seen, url, urlFrom, token, tokenFrom, workspaceDir, problem };
}

export function loadGatewayConfig(env: GatewayEnv, home = homedir()): GatewayConfig {
  const c = inspectGatewayConfig(env, home);
  if (c.problem || !c.url || !c.token || !c.workspaceDir)
    throw new GatewayConfigError(c.problem ?? 'OpenClaw is not configured.');
  return { url: c.url, token: c.token, workspaceDir: c.workspaceDir };
}
