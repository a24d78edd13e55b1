// Reads a crontab (user crontab, /etc/crontab or a cron.d file) into jobs. Hand-written on purpose: the
// cron-parser package's file reader drops the commands and knows no user column; schedules are checked with
// croner, the library OpenClaw and the studio's pages compute next runs with. A line that cannot be read is
// skipped with a warning naming it; nothing here throws.
import { createHash } from 'node:crypto';
import { Cron } from 'croner';

export interface CrontabJob {
  /** Stable across edits elsewhere in the file: the exec wrapper's --job, else derived from the line. */
  name: string;
  /** The 5-field expression or a macro (@daily, @reboot, ...). */
  schedule: string;
  /** The shell command as cron runs it (up to the first unescaped %). */
  command: string;
  /** The part after `agent-studio exec ... --`, when the line goes through the wrapper. */
  wrapped: string | null;
  /** cron.d and /etc/crontab lines name the user to run as. */
  user: string | null;
  /** Variables set above the line (cron passes them to the command). */
  env: Record<string, string>;
  /** CRON_TZ / TZ set above the line, if any. */
  timezone: string | null;
  line: number;
}

export interface ParsedCrontab {
  jobs: CrontabJob[];
  warnings: string[];
}

const MACROS = new Set(['@reboot', '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const ENV_LINE = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;
const EXEC = /(?:^|[\s/])agent-studio(?:\.mjs)?\s+exec\s+(.*?)\s--\s+(.+)$/;

/** Files in a cron.d folder and /etc/crontab have a user column; user crontabs do not. */
export const hasUserColumn = (path: string) => /(^|\/)cron\.d\/[^/]+$/.test(path) || /(^|\/)etc\/crontab$/.test(path);

export function parseCrontab(text: string, opts: { userColumn: boolean; file: string }): ParsedCrontab {
  const jobs: CrontabJob[] = [];
  const warnings: string[] = [];
  const env: Record<string, string> = {};
  const names = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    const where = `${opts.file}:${i + 1}`;
    if (!line || line.startsWith('#')) return;
    const assign = ENV_LINE.exec(line);
    if (assign) {
      env[assign[1]!] = unquote(assign[2]!.trim());
      return;
    }
    const fields = line.split(/\s+/);
    const macro = fields[0]!.startsWith('@');
    const scheduleFields = macro ? 1 : 5;
    const schedule = fields.slice(0, scheduleFields).join(' ');
    if (macro ? !MACROS.has(schedule) : !validSchedule(schedule)) {
      warnings.push(`${where}: "${schedule}" is not a cron schedule; line skipped`);
      return;
    }
    const user = opts.userColumn ? (fields[scheduleFields] ?? null) : null;
    // the command keeps its own spacing: cut the schedule (and user) fields off the front of the line
    const command = commandPart(line, scheduleFields + (opts.userColumn ? 1 : 0));
    if (!command) {
      warnings.push(`${where}: no command after the schedule${opts.userColumn ? ' and user' : ''}; line skipped`);
      return;
    }
    const exec = EXEC.exec(command);
    const jobFlag = exec ? /--job(?:=|\s+)("[^"]+"|'[^']+'|\S+)/.exec(exec[1]!) : null;
    const name = jobFlag
      ? unquote(jobFlag[1]!)
      : `${basename(opts.file)}: ${command.slice(0, 60)}${command.length > 60 ? '…' : ''} #${hash(`${user}|${command}`)}`;
    if (names.has(name)) {
      warnings.push(`${where}: job "${name}" is already defined above; line skipped`);
      return;
    }
    names.add(name);
    const timezone = env.CRON_TZ ?? env.TZ ?? null;
    jobs.push({
      name,
      schedule,
      command,
      wrapped: exec ? exec[2]! : null,
      user,
      env: { ...env },
      timezone,
      line: i + 1,
    });
  });
  return { jobs, warnings };
}

function validSchedule(expr: string): boolean {
  if (expr.split(' ').length !== 5) return false;
  try {
    new Cron(expr, { paused: true });
    return true;
  } catch {
    return false;
  }
}

/** The line after its first `n` whitespace-separated fields, up to cron's first unescaped % (stdin follows it). */
function commandPart(line: string, n: number): string {
  const m = new RegExp(`^(?:\\S+\\s+){${n}}(.*)$`).exec(line);
  const cmd = m?.[1] ?? '';
  const cut = cmd.search(/(?<!\\)%/);
  return (cut === -1 ? cmd : cmd.slice(0, cut)).replace(/\\%/g, '%').trim();
}

const unquote = (v: string) => (/^(["']).*\1$/.test(v) ? v.slice(1, -1) : v);
const basename = (p: string) => p.split('/').at(-1) ?? p;
const hash = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 6);

/** When a job runs next (null for @reboot, or a schedule that never fires). */
export function nextRunOf(job: Pick<CrontabJob, 'schedule' | 'timezone'>, from = new Date()): Date | null {
  if (job.schedule === '@reboot') return null;
  try {
    return new Cron(job.schedule, { paused: true, timezone: job.timezone ?? undefined }).nextRun(from);
  } catch {
    return null;
  }
}
