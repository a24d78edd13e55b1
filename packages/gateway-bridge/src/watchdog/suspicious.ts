// The verdict on a finished run: did it report success yet produce nothing it usually produces?
import type { CronRunRow } from '@agent-studio/database';

/** How many of the job's previous runs are looked at, and how many make a habit. */
export const HABIT_WINDOW = 5;
export const HABIT_MIN = 3;

type Run = Pick<CronRunRow, 'status' | 'summary' | 'output_files'>;

/**
 * A reason in words when the run is suspicious, else null. `previous`: the job's last runs before it. An
 * agent turn always ends with the agent's answer, so an empty summary there is suspicious even without a habit.
 */
export function suspicionOf(run: Run, previous: readonly Run[], payloadKind: unknown): string | null {
  if (run.status !== 'completed' || run.summary === 'skipped') return null;
  const withFiles = previous.filter((r) => r.output_files?.length).length;
  if (!run.output_files?.length && withFiles >= HABIT_MIN)
    return `no output file, though ${withFiles} of its last ${previous.length} runs wrote one`;
  const withSummary = previous.filter((r) => r.summary?.trim()).length;
  if (!run.summary?.trim() && (payloadKind === 'agentTurn' || withSummary >= HABIT_MIN)) return 'an empty summary';
  return null;
}
