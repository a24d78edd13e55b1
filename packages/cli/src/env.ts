// The command's configuration, parsed once at start (STYLE.md §6). Inner modules get it as arguments.
import { z } from 'zod';
import { DEFAULT_DATA_DIR } from '@agent-studio/database';

const schema = z.object({
  DATABASE_URL: z.string().url('DATABASE_URL must be a postgres:// URL').optional(),
  STUDIO_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  OPENCLAW_CONFIG_PATH: z.string().optional(),
  OPENCLAW_GATEWAY_URL: z.string().url().optional(),
  OPENCLAW_GATEWAY_TOKEN: z.string().optional(),
  OPENCLAW_WORKSPACE: z.string().optional(),
  STUDIO_GTM_DIR: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(env: NodeJS.ProcessEnv): Env {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new UsageError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** A mistake of the person running the command: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}
