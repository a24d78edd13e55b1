import { openDb } from '@agent-studio/database';
import { hostCronGateway } from '@agent-studio/gateway-bridge/host-cron/owner';
import { runCommand } from '@agent-studio/gateway-bridge/host-cron/runner';
import { z } from 'zod';
import { parseEnv, spoolDir, UsageError } from '../env';

export const EXEC_USAGE = `Usage: agent-studio exec --job NAME -- command [args...]

Runs the command (output passed through, same exit code) and records the run in the studio: every output
line, exit code, duration and peak memory. Put it in crontab lines, e.g.
  0 3 * * *  agent-studio exec --job nightly-backup -- /usr/local/bin/backup.sh
With DATABASE_URL the run is written to that database directly; otherwise (or while it is unreachable) it goes
to the spool folder (STUDIO_SPOOL_DIR, default: 'spool' beside STUDIO_DATA_DIR), which the studio imports live.`;

const flags = z.object({
  job: z.string().trim().min(1, 'exec needs --job NAME (the job this run belongs to)').max(200),
  trigger: z.enum(['scheduled', 'manual', 'retry']).default('scheduled'),
  'triggered-by': z.string().uuid().optional(),
  'run-id': z.string().uuid().optional(),
});

/** Options before `--`, the command after it (so the command's own options are never read as ours). */
export function parseExecArgs(argv: string[]) {
  const sep = argv.indexOf('--');
  if (sep === -1 || sep === argv.length - 1)
    throw new UsageError(`exec needs the command after "--".\n\n${EXEC_USAGE}`);
  const opts: Record<string, string> = {};
  for (let i = 0; i < sep; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]!);
    if (!m) throw new UsageError(`exec: unexpected "${argv[i]}" before "--".\n\n${EXEC_USAGE}`);
    opts[m[1]!] = m[2] ?? argv[++i] ?? '';
  }
  const parsed = flags.strict().safeParse(opts);
  if (!parsed.success) throw new UsageError(`exec: ${parsed.error.issues[0]!.message}\n\n${EXEC_USAGE}`);
  return { ...parsed.data, argv: argv.slice(sep + 1) };
}

/** `agent-studio exec`: exits with the command's exit code, whatever happens to the recording. */
export async function runExec(argv: string[]): Promise<void> {
  const args = parseExecArgs(argv);
  const env = parseEnv(process.env);
  const db = env.DATABASE_URL
    ? openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.STUDIO_DATA_DIR, connectTimeoutMs: 5_000 })
    : undefined;
  db?.catch(() => {}); // reported through onDbError
  const spool = spoolDir(env);
  const result = await runCommand({
    job: args.job,
    argv: args.argv,
    spoolDir: spool,
    // the gateway of the bridge that imports this machine's spool, so both record the run under one job
    gatewayId: hostCronGateway(spool),
    trigger: args.trigger,
    triggeredBy: args['triggered-by'] ?? null,
    runId: args['run-id'],
    db,
    passThrough: { stdout: process.stdout, stderr: process.stderr },
    onDbError: (err) =>
      process.stderr.write(
        `agent-studio exec: the database did not take the run (${(err as Error).message}); it is kept in the spool for the studio to import\n`,
      ),
    onSpoolError: (err) =>
      process.stderr.write(
        `agent-studio exec: the spool cannot be written (${(err as Error).message}); this run is recorded only if the database takes it\n`,
      ),
  });
  await (await db?.catch(() => null))?.close();
  process.exitCode = result.wrapperExitCode;
}
