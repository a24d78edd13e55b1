import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT_DIR = fileURLToPath(new URL('../../..', import.meta.url));
/** The demo's own data folder (unless STUDIO_DATA_DIR says another): it never mixes with a real installation's. */
export const DEMO_DIR = './.studio/demo';
/** This command, as a child process or a crontab line starts it. */
export const CLI_PATH = join(ROOT_DIR, 'bin/agent-studio.mjs');
