import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { getCronRunByExternalId, type CronJobRow } from '@agent-studio/database';
import { waitFor } from '../wait';
import { CommandError, type CommandContext } from './context';

const WAIT_FOR_RUN_MS = 10_000;

/**
 * Run now for a host-cron job: the crontab line's command through `agent-studio exec`, as cron would run it
 * (its shell, its variables, from the home folder), so the run is captured exactly like a scheduled one. The
 * wrapper is detached: a bridge restart does not cut the run short, and the spool carries it over.
 */
export async function runHostCronJob(
  ctx: CommandContext,
  job: CronJobRow,
  trigger: { triggerType: 'manual' | 'retry'; triggeredBy: string | null },
) {
  if (!ctx.hostCron) throw new CommandError('This bridge has no host-cron runner, so it cannot run host jobs.');
  const payload = job.payload as { wrapped?: string | null; env?: Record<string, string> };
  const env: NodeJS.ProcessEnv = { ...process.env, ...payload.env, STUDIO_SPOOL_DIR: ctx.hostCron.spoolDir };
  delete env.DATABASE_URL; // the bridge imports the spool as the run goes: one writer, whatever the database
  const shell = payload.env?.SHELL ?? '/bin/sh';
  const runId = randomUUID();
  const [cmd, ...args] = ctx.hostCron.execCommand;
  const child = spawn(
    cmd!,
    [
      ...args,
      'exec',
      '--job',
      job.external_id!,
      '--trigger',
      trigger.triggerType,
      ...(trigger.triggeredBy ? ['--triggered-by', trigger.triggeredBy] : []),
      '--run-id',
      runId,
      '--',
      shell,
      '-c',
      payload.wrapped ?? job.command,
    ],
    { env, cwd: payload.env?.HOME ?? process.env.HOME, detached: true, stdio: 'ignore' },
  );
  await new Promise<void>((ok, fail) => {
    child.once('spawn', ok);
    child.once('error', (err) => fail(new CommandError(`The host-cron runner could not start: ${err.message}`)));
  });
  child.unref();
  const run = await waitFor(() => getCronRunByExternalId(ctx.db, job.id, runId), WAIT_FOR_RUN_MS);
  return run ? { runId: run.id, status: 'started' } : { runId: null, status: 'enqueued' };
}
