import 'server-only';
import { z } from 'zod';
import { allowedHostsList } from '@agent-studio/core/allowed-hosts';
import { DEFAULT_DATA_DIR } from '@agent-studio/database';

// The web app's configuration, parsed once. Under `agent-studio studio` the command shares its database (the
// two database settings here are then unused) and sets HOST from --host.
const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  STUDIO_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  /** An action no bridge claimed within this long fails with "the bridge is not running". */
  STUDIO_COMMAND_CLAIM_MS: z.coerce.number().int().min(100).default(20_000),
  /** The address the server is bound to (`agent-studio studio` sets it from --host): the Host allow-list starts from it. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** More names the studio answers to (src/proxy.ts refuses any other Host). */
  STUDIO_ALLOWED_HOSTS: allowedHostsList.default([]),
});

export const env = schema.parse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== '')));
