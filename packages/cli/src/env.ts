// The command's configuration, parsed once at start (STYLE.md §6). Inner modules get it as arguments.
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { allowedHostsList } from '@agent-studio/core/allowed-hosts';
import { isAddressOrRange } from '@agent-studio/core/ip-range';
import { DEFAULT_DATA_DIR } from '@agent-studio/database';

const schema = z.object({
  DATABASE_URL: z.string().url('DATABASE_URL must be a postgres:// URL').optional(),
  STUDIO_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Names the web app answers to besides the bound address (checked here so a typo stops the start). */
  STUDIO_ALLOWED_HOSTS: allowedHostsList.optional(),
  /** The address people open the studio by (behind a proxy: the proxy's), for full links in webhook bodies. */
  STUDIO_PUBLIC_URL: z
    .string()
    .refine(
      (u) => /^https?:\/\/[^/?#]+[^?#]*$/i.test(u) && URL.canParse(u),
      'must be the http:// or https:// address the studio is opened by, without a query (e.g. https://studio.example.com)',
    )
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  /** Reverse proxies (addresses, CIDR ranges; ',' or space between) whose X-Forwarded-For names the client. */
  STUDIO_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((list) => list.split(/[\s,]+/).filter(Boolean))
    .pipe(
      z.array(
        z.string().refine(isAddressOrRange, {
          error: (issue) => `"${String(issue.input)}" is not an IP address or CIDR range (e.g. 127.0.0.1, 10.0.0.0/8)`,
        }),
      ),
    ),
  OPENCLAW_CONFIG_PATH: z.string().optional(),
  OPENCLAW_GATEWAY_URL: z.string().url().optional(),
  OPENCLAW_GATEWAY_TOKEN: z.string().optional(),
  OPENCLAW_WORKSPACE: z.string().optional(),
  STUDIO_GTM_DIR: z.string().optional(),
  /** Crontab / cron.d files whose lines become host-cron jobs, separated by ':'. */
  STUDIO_HOST_CRONTABS: z.string().optional(),
  /** Where `agent-studio exec` writes runs for the bridge to import (default: `spool` beside the data folder). */
  STUDIO_SPOOL_DIR: z.string().optional(),
  /** OpenClaw's state folder, for the files of installs before 2026.6.1 (default: the config file's folder). */
  OPENCLAW_STATE_DIR: z.string().optional(),
  /** Read those files: `auto` (when the gateway is older than 2026.6.1 or not configured), `on`, `off`. */
  STUDIO_OPENCLAW_FILES: z.enum(['auto', 'on', 'off']).default('auto'),
  /**
   * OpenClaw's other profiles (`~/.openclaw-<name>`) that `studio` serves as gateways of their own: `all` (every
   * one found), `none`, or their names separated by commas.
   */
  STUDIO_OPENCLAW_PROFILES: z
    .string()
    .default('all')
    .transform((v) => (v === 'all' || v === 'none' ? v : v.split(/[\s,]+/).filter(Boolean))),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(env: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new UsageError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The exec spool, shared by `agent-studio exec` (writes) and the bridge (imports). */
export function spoolDir(env: Env, dataDir = env.STUDIO_DATA_DIR): string {
  return resolve(env.STUDIO_SPOOL_DIR ?? resolve(dirname(resolve(dataDir)), 'spool'));
}

/** A mistake of the person running the command: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}
