import 'server-only';
import { z } from 'zod';
import { DEFAULT_DATA_DIR } from '@agent-studio/database';

// The web app's configuration, parsed once. Under `agent-studio studio` the database is shared by the
// command and these are only read when the app runs on its own (`next start` with DATABASE_URL).
const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  STUDIO_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  /** An action no bridge claimed within this long fails with "the bridge is not running". */
  STUDIO_COMMAND_CLAIM_MS: z.coerce.number().int().min(100).default(20_000),
});

export const env = schema.parse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== '')));
