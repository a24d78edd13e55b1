import { parseArgs } from 'node:util';
import { DataDirLockedError } from '@agent-studio/database';
import { DatabaseNewerError } from '@agent-studio/database/migrate';
import { UsageError } from './env';
import type { Flags } from './flags';
import { consoleLogger } from './log';

const USAGE = `Usage: agent-studio <command> [options]

Commands:
  studio    apply migrations, start the web app and the bridge (default)
  bridge    the bridge alone (with DATABASE_URL, beside the OpenClaw gateway)
  web       the web app alone (with DATABASE_URL; the bridge runs elsewhere)
  migrate   apply database migrations and exit
  demo      the studio on a built-in OpenClaw simulator, with scripted activity
  passwd    set the owner password (reads it from the terminal or stdin; --demo: the demo's)
  exec      run a command and record it as a host-cron run (agent-studio exec --help)
  bridge-role <name> [--gateway <n>]
            create or update the Postgres role a bridge on another host connects as (with the owner's
            DATABASE_URL; prints the bridge's). Only a bridge's rights: none on the owner, sessions, tokens,
            webhooks or alert channels; with --gateway, only that gateway's rows. Run it again after upgrading

Options:
  --host <addr>   address to bind (default 127.0.0.1, or HOST)
  --port <n>      port to listen on (default 3000, or PORT)
  --crontab <f>   a crontab or cron.d file to mirror as host-cron jobs (repeatable; or STUDIO_HOST_CRONTABS)
  --gateway <n>   bridge: the gateway it serves, by name (created the first time; default: the default
                  gateway). One bridge per gateway, each with that gateway's OPENCLAW_* settings, one DATABASE_URL.
                  bridge-role: the one gateway whose rows the role may read and write
  --demo          passwd only: the demo's studio (its own data folder, ./.studio/demo)
  --password <p>  bridge-role only: the role's password (default: one made for a new role; an existing one's kept)
  -h, --help      this help

Environment: DATABASE_URL, STUDIO_DATA_DIR, OPENCLAW_CONFIG_PATH, OPENCLAW_GATEWAY_URL,
OPENCLAW_GATEWAY_TOKEN, OPENCLAW_WORKSPACE, STUDIO_GTM_DIR, STUDIO_HOST_CRONTABS, STUDIO_SPOOL_DIR,
OPENCLAW_STATE_DIR, STUDIO_OPENCLAW_FILES, STUDIO_TRUSTED_PROXIES, STUDIO_ALLOWED_HOSTS,
STUDIO_PUBLIC_URL (see README). With STUDIO_PUBLIC_URL (the address people open the studio by, e.g.
https://studio.example.com) set where the bridge runs, webhooks link to the studio's pages by full URL.`;

export async function main(argv: string[]): Promise<void> {
  try {
    // exec's own arguments end with a command line of any shape: parsed apart
    if (argv[0] === 'exec') {
      const { EXEC_USAGE, runExec } = await import('./commands/exec');
      if (argv[1] === '--help' || argv[1] === '-h') return console.log(EXEC_USAGE);
      return await runExec(argv.slice(1));
    }
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        crontab: { type: 'string', multiple: true },
        gateway: { type: 'string' },
        demo: { type: 'boolean' },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536))
      throw new UsageError(`--port must be a port number, not "${values.port}"`);
    const gateway = values.gateway?.trim();
    if (gateway === '') throw new UsageError('--gateway needs a name, e.g. --gateway work');
    const flags: Flags = { host: values.host, port, crontabs: values.crontab, gateway };
    const [command = 'studio', ...rest] = positionals;
    const [roleName, ...extra] = command === 'bridge-role' ? rest : [undefined, ...rest];
    if (extra.length) throw new UsageError(`Unexpected argument: ${extra[0]}`);
    if (values.password !== undefined && command !== 'bridge-role')
      throw new UsageError('--password goes with bridge-role (the owner password is set by passwd).');
    if (values.demo && command !== 'passwd')
      throw new UsageError('--demo goes with passwd (the demo command needs none).');
    if (gateway !== undefined && command !== 'bridge' && command !== 'bridge-role')
      throw new UsageError('--gateway goes with bridge (a bridge serves one gateway) or bridge-role.');
    // each command is loaded when chosen: one never pays for another's modules (Next, the bridge, PGlite)
    switch (command) {
      case 'studio':
        return await (await import('./commands/studio')).runStudio(flags, consoleLogger);
      case 'bridge':
        return await (await import('./commands/bridge')).runBridge(flags, consoleLogger);
      case 'web':
        return await (await import('./commands/web')).runWeb(flags, consoleLogger);
      case 'migrate':
        return await (await import('./commands/migrate')).runMigrate(consoleLogger);
      case 'demo':
        return await (await import('./commands/demo')).runDemo(flags, consoleLogger);
      case 'passwd':
        return await (await import('./commands/passwd')).runPasswd(consoleLogger, { demo: values.demo });
      case 'bridge-role':
        return await (
          await import('./commands/bridge-role')
        ).runBridgeRole({ role: roleName, password: values.password, gateway }, consoleLogger);
      default:
        throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
    }
  } catch (err) {
    if (
      err instanceof UsageError ||
      err instanceof DataDirLockedError ||
      err instanceof DatabaseNewerError ||
      (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    ) {
      console.error(`agent-studio: ${(err as Error).message}`);
      process.exit(2);
    }
    console.error('agent-studio: fatal error', err);
    process.exit(1);
  }
}
