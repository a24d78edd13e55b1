// Why a failed run failed and what to do, from what the studio stores of it: the one reading the API, the run
// page, the Failures page and the webhooks share, so they agree.
import { analyzeFailure, type FailureAttempt, type FailureCategory, type FailureInput } from './categorize';
import { failureAdvice, type FailureContext } from './advice';

export interface RunFailure {
  category: FailureCategory;
  advice: string;
  attempts: FailureAttempt[];
}

export interface FailedRunFacts {
  status: string;
  error: string | null;
  stderr?: string | null;
  exit_code?: number | null;
  model?: string | null;
  provider?: string | null;
}

/** The error a run's failure is read from: OpenClaw's word on it, else (a host-cron run) its stderr. */
export function runFailureInput(run: Omit<FailedRunFacts, 'status'>) {
  return { error: run.error ?? run.stderr, exitCode: run.exit_code, log: run.stderr };
}

/** The cause of any failure (a run's, a session's) and its fix, naming what `ctx` knows. */
export function describeFailure(input: FailureInput, ctx: FailureContext = {}): RunFailure {
  const { category, attempts } = analyzeFailure(input);
  return {
    category,
    advice: failureAdvice(category, { error: input.error, exitCode: input.exitCode, ...ctx }),
    attempts,
  };
}

/** Null for a run that did not fail (a cancelled run is not a failure). */
export function describeRunFailure(run: FailedRunFacts, jobName?: string | null): RunFailure | null {
  if (run.status !== 'failed' && run.status !== 'timeout') return null;
  return describeFailure(runFailureInput(run), { model: run.model, provider: run.provider, job: jobName });
}
