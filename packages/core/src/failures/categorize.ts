// Why a run or session failed, from its error text, exit code and log tail: a category, a signature that
// groups the same failure across runs (ids, numbers, paths and times stripped), and what to do about it.

export const failureCategories = ['timeout', 'rate_limit', 'auth', 'network', 'model_error', 'out_of_memory', 'exit_code', 'tool_error', 'unknown'] as const;
export type FailureCategory = (typeof failureCategories)[number];

export interface FailureInput {
  error?: string | null;
  exitCode?: number | null;
  /** The last lines of the log, when there is one. */
  log?: string | null;
}

// First match wins: the order puts the specific before the general (a key disabled after an auth failure is
// auth even when it says to retry later; a 429 from a model is a rate limit, not a model error; a tool that
// timed out is a timeout; an overloaded model answering 503 is the model's failure, not the network's).
// Error codes are matched as whole words (ENOTFOUND is not in FileNotFoundError).
const RULES: [FailureCategory, RegExp][] = [
  ['out_of_memory', /out of memory|\boom\b|oom-?kill|heap out of memory|allocation failed|cannot allocate memory|\bENOMEM\b|\bMemoryError\b|more (?:system )?memory than|exit(?:ed)? (?:with )?(?:code )?137\b|signal 9\b|SIGKILL/i],
  ['auth', /\b401\b|\b403\b|\bE40[13]\b|unauthori[sz]ed|forbidden|invalid (?:api[ _-]?key|token|credentials?)|incorrect api key|authenticat(?:e|ion)|bad credentials|invalid[_ ]auth|not[_ ]authed|\bauth\b|no auth\b|invalid_grant|\btoken\b.{0,40}\b(?:invalid|expired|revoked)|permission denied for (?:api|model)|expired (?:token|credentials?)|api key (?:not|missing)|no api key|access ?denied|don'?t have access|AUTH_TOKEN_MISMATCH|not authenticated/i],
  ['rate_limit', /rate.?limit|\b429\b|too many requests|quota (?:exceeded|exhausted)|exceeded your current quota|throttl|retry[- ]after|resource.?exhausted|tokens per min|requests per min/i],
  // the model or its provider refused or failed, whatever the HTTP status
  ['model_error', /overloaded|no capacity|provider returned|model\b.{0,40}(?:not found|does not exist|not_found)|context (?:window|length|overflow)|maximum context|prompt (?:is )?too (?:long|large)|provider rejected|too many tokens|content (?:filter|policy)|usage policy|\bsafety\b|insufficient (?:credits|funds|balance)|credit balance|\b402\b/i],
  ['timeout', /timed? ?out|timeout|deadline exceeded|\bETIMEDOUT\b|took too long|exceeded (?:the )?(?:maximum )?(?:time|duration)|\b504\b|\b524\b|gateway time-?out/i],
  ['network', /\bECONNREFUSED\b|\bECONNRESET\b|\bENOTFOUND\b|\bEAI_AGAIN\b|\bEHOSTUNREACH\b|\bENETUNREACH\b|\bEPIPE\b|socket hang up|other side closed|network (?:error|is unreachable)|connection (?:error|refused|reset|closed|aborted)|could not (?:connect|resolve)|couldn'?t connect|failed to (?:connect|establish)|unable to access|getaddrinfo|\bdns\b|\btls\b|\bssl\b|certificate|fetch failed|\b502\b|bad gateway|\b503\b|service unavailable/i],
  ['model_error', /\b5\d\d\b|model (?:error|unavailable)|provider error|invalid request.*model|finish_reason|internal server error|upstream/i],
  ['tool_error', /tool (?:error|failed|call failed)|\btool\b.*(?:error|failed)|\bE(?:ACCES|NOENT|ISDIR|NOTDIR|PERM|NOSPC|MFILE|ROFS)\b|no such file|no space left|too many open files|permission denied|command not found|no module named|not valid JSON|JSONDecodeError|invalid (?:arguments?|params?)|schema validation|web_fetch|exec failed/i],
];

export function categorizeFailure(f: FailureInput): FailureCategory {
  const text = [f.error, f.log].filter(Boolean).join('\n');
  for (const [category, pattern] of RULES) if (pattern.test(text)) return category;
  if (f.exitCode === 137) return 'out_of_memory';
  if (f.exitCode != null && f.exitCode !== 0) return 'exit_code';
  if (/exit(?:ed)? (?:with )?(?:code|status) [1-9]\d*/i.test(text)) return 'exit_code';
  return 'unknown';
}

/** The failure with what varies between occurrences taken out, so the same failure groups together. */
export function failureSignature(f: FailureInput): string {
  const text = (f.error ?? f.log ?? '').split('\n').find((l) => l.trim()) ?? '';
  return text
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>')
    .replace(/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<time>')
    .replace(/\b\d{1,2}:\d{2}(?::\d{2})?\b/g, '<time>')
    .replace(/https?:\/\/\S+/g, '<url>')
    .replace(/(?:~|\.{1,2})?(?:\/[\w.@-]+){2,}\/?/g, '<path>')
    .replace(/\b[0-9a-f]{12,}\b/gi, '<hex>')
    .replace(/\b\d+(?:\.\d+)?\s*(?:ms|s|sec|seconds|m|min|minutes|h|mb|gb|kb|%)?\b/gi, '<n>')
    .replace(/(["'`])(?:(?!\1).){1,80}\1/g, '<str>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200)
    .toLowerCase();
}

export const failureAdvice: Record<FailureCategory, string> = {
  timeout: 'Raise the job’s timeout, or split the work: the run did not finish in time.',
  rate_limit: 'Spread the schedule (see Schedule advice), lower concurrency, or raise the provider quota.',
  auth: 'Check the API key or token in OpenClaw’s config: it is missing, wrong or expired.',
  network: 'Check that the host can reach the service (DNS, proxy, firewall); a retry often works.',
  model_error: 'The model provider failed or refused: retry later, switch the model, or shorten the context.',
  out_of_memory: 'Give the process more memory, or process less at once.',
  exit_code: 'The command exited with an error: open the run’s log for its output.',
  tool_error: 'A tool the agent called failed: check its arguments, files and permissions in the log.',
  unknown: 'Open the log: the cause is not one the studio recognises yet.',
};
