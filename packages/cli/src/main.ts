import { parseArgs } from 'node:util';
import { DataDirLockedError } from '@agent-studio/database';
import { DatabaseNewerError } from '@agent-studio/database/migrate';
import { UsageError } from './env';
import { consoleLogger } from './log';
import { runStudio } from './commands/studio';
import { runBridge } from './commands/bridge';
import { runMigrate } from './commands/migrate';
import { runDemo } from './commands/demo';
import { runPasswd } from './commands/passwd';

const USAGE = `Usage: agent-studio <command> [options]

Commands:
  studio    apply migrations, start the web app and the bridge (default)
  bridge    the bridge alone (with DATABASE_URL, beside the OpenClaw gateway)
  migrate   apply database migrations and exit
  demo      the studio on a built-in OpenClaw simulator, with scripted activity
  passwd    set the owner password (reads it from the terminal or stdin)

Options:
  --host <addr>   address to bind (default 127.0.0.1, or HOST)
  --port <n>      port to listen on (default 3000, or PORT)
  -h, --help      this help

Environment: DATABASE_URL, STUDIO_DATA_DIR, OPENCLAW_CONFIG_PATH, OPENCLAW_GATEWAY_URL,
OPENCLAW_GATEWAY_TOKEN, OPENCLAW_WORKSPACE, STUDIO_GTM_DIR (see README).`;

export interface Flags {
  host?: string;
  port?: number;
}

export async function main(argv: string[]): Promise<void> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { host: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new UsageError(`--port must be a port number, not "${values.port}"`);
    const flags: Flags = { host: values.host, port };
    const [command = 'studio', ...rest] = positionals;
    if (rest.length) throw new UsageError(`Unexpected argument: ${rest[0]}`);
    switch (command) {
      case 'studio':
        return await runStudio(flags, consoleLogger);
      case 'bridge':
        return await runBridge(consoleLogger);
      case 'migrate':
        return await runMigrate(consoleLogger);
      case 'demo':
        return await runDemo(flags, consoleLogger);
      case 'passwd':
        return await runPasswd(consoleLogger);
      default:
        throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof DataDirLockedError || err instanceof DatabaseNewerError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`agent-studio: ${(err as Error).message}`);
      process.exit(2);
    }
    console.error('agent-studio: fatal error', err);
    process.exit(1);
  }
}
