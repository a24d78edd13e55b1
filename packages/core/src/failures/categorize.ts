// Why a run or session failed, from its error text, exit code and log tail: a cause fine enough that it has
// one fix (advice.ts), a signature that groups the same failure across runs, and, for OpenClaw's mixed texts
// (`All models failed (2): a/m: … | b/m: …`), each attempt's own cause. The rules were written against
// corpus/dev.jsonl only; corpus/held-out.jsonl measures them (bench/failures.bench.ts).

import { failureCategories, type FailureCategory } from './categories';

export { failureCategories, type FailureCategory };

export interface FailureInput {
  error?: string | null;
  exitCode?: number | null;
  /** The last lines of the log, when there is one. */
  log?: string | null;
}

/** One model attempt of a failover chain, as OpenClaw lists it. */
export interface FailureAttempt {
  /** `provider/model` */
  model: string;
  text: string;
  category: FailureCategory;
}

export interface FailureAnalysis {
  category: FailureCategory;
  /** For `All models failed`: every attempt, the first (the job's own model) deciding the category. */
  attempts: FailureAttempt[];
}

// First match wins: the specific before the general. Codes are whole words (ENOTFOUND is not FileNotFoundError).
const RULES: [FailureCategory, RegExp][] = [
  [
    'gateway',
    /interrupted by gateway restart|aborted for restart|OPENCLAW_RESTART_ABORT|restart timeout after|did not drain|gateway request timeout|gateway failed to start|gateway connection timed out|owner is unavailable|agent store is ready|setup timed out before runner start|stalled before execution start|admission timed out/i,
  ],
  ['cancelled', /OPENCLAW_DIRECT_ABORT|^\s*agent run aborted\.?\s*$|\bcancell?ed by (?:the )?(?:user|owner|operator)/i],
  // "last phase" is where the run was when its time ran out: waiting on the model is the provider's failure,
  // working (tools, output) is the job's
  // before the first model call: the gateway itself stalled
  [
    'gateway',
    /last phase: (?:runner-entered|workspace|runtime-plugins|before-agent-reply|model-resolution|auth|context-engine)\)/i,
  ],
  // the prompt was out (context assembled, dispatched, accepted) and no answer came
  [
    'provider_timeout',
    /last phase: (?:context-assembled|attempt-dispatch|turn-accepted|model-call-started)|LLM request timed out|hasn't been responding|API(?:Connection)?TimeoutError|in cooldown[^|]*\(timeout\)/i,
  ],
  ['timeout', /job execution timed out|overall turn limit|no-output watchdog|exceeded its execution timeout/i],
  ['delivery_failed', /deliver(?:y|ed)? failed|message failed|send failed|chat not found|sendMessage/i],
  ['tool_missing', /tool not (?:available|found)|unknown tool\b/i],
  ['browser_unavailable', /\bbrowser (?:control|server|runtime|profile)|no supported browser|\bchrome\b|\bCDP\b/i],
  [
    'tool_denied',
    /exec denied|\bapproval\b|sandbox (?:path|security|tool policy)|path escapes|escapes (?:allowed mounts|workspace|sandbox)|blocked by sandbox|not allowed by (?:the )?(?:current )?tool policy/i,
  ],
  [
    'out_of_memory',
    /out of memory|\boom\b|oom-?kill|allocation failed|cannot allocate memory|\bENOMEM\b|\bMemoryError\b|more (?:system )?memory\b[^\n]{0,30}than|exit(?:ed)? (?:with )?(?:code )?137\b|signal 9\b|SIGKILL/i,
  ],
  [
    'context_overflow',
    /context (?:overflow|length|window|size has been exceeded)|maximum context|prompt is too long|prompt too large|too large for (?:the )?model|request_too_large|conversation is too large/i,
  ],
  // OpenClaw's own words for an ambiguous 429 and for a key parked after a failure say which it is
  ['rate_limit', /returned HTTP 429 before replying|rate-limited or overloaded/i],
  ['auth', /temporarily disabled after a provider auth|provider returned HTTP 401|authentication failed, HTTP 40[13]/i],
  ['billing', /returned a billing error|billing issue on the account/i],
  [
    'usage_limit',
    /usage limit|session limit|hour (?:usage )?limit|limit will reset|quota will reset|daily (?:[\w.-]+ )?quota|spending limit|per day per|free[_-]?tier|models-per-day|exhausted your (?:daily )?(?:quota|capacity)|requests ?per ?day|limit reached\|\d/i,
  ],
  [
    'billing',
    /insufficient[\w ]{0,20}(?:credits|funds|balance|quota)|insufficient_quota|credit balance|out of credits|ran out of credits|more credits|\b402\b|payment required|top up|exceeded your current quota/i,
  ],
  [
    'login_expired',
    /oauth (?:token|refresh|callback)|refresh token|token (?:has )?expired|token_expired|expired (?:token|credentials)|session expired|saved login (?:looks|anymore)|accepting your saved login|authentication expired|ExpiredToken|token included in the request is expired|invalid_grant|token has been expired/i,
  ],
  [
    'request_rejected',
    /content (?:filter|policy)|usage policy|\bflagged\b|\bSAFETY\b|high risk|request was blocked|tool_use|tool_result|tool call id|tool id\b|tool id\(|function call output|conversation state|ordering conflict|roles must alternate|invalid params|invalid scalar|status code \(no body\)|schema or tool payload/i,
  ],
  [
    'unknown_model',
    /unknown model|model\b[^\n]{0,60}?(?:not found|does not exist|not supported|is not allowed|unavailable from the provider)|model_not_(?:found|supported)|not_found_error|can't find the model|access to the model|try pulling it|model override not allowed|HTTP 404/i,
  ],
  [
    'auth',
    /\b40[13]\b|unauthori[sz]ed|forbidden|invalid[ _-]?(?:api[ _-]?key|x-api-key|token|credentials?|authentication|_?auth)\b|incorrect api key|api key (?:not valid|missing|is invalid)|missing api key|no api key|no auth credentials|authenticat|bad credentials|not[_ ]authed|permission_error|does not have permission|auth profile|\bauth\b|saved logins|SecretRef|security token[^.]*invalid|access ?denied|AUTH_TOKEN|invalid username or password|\bE401\b|api secret key/i,
  ],
  [
    'network',
    /bad gateway|error code: 52\d|\bECONNREFUSED\b|\bECONNRESET\b|\bENOTFOUND\b|\bEAI_AGAIN\b|\bEHOSTUNREACH\b|\bENETUNREACH\b|\bEPIPE\b|\bETIMEDOUT\b|socket hang up|other side closed|network (?:error|is unreachable|connection)|connection (?:error|refused|reset|closed|aborted)|could not (?:connect|resolve)|couldn'?t connect|failed to (?:connect|establish)|unable to access|getaddrinfo|\btls\b|\bssl\b|certificate|fetch failed|connect timeout|headers timeout|read timed out|operation timed out|aborted due to timeout|realtime connection timeout/i,
  ],
  [
    'provider_unavailable',
    /overloaded|at capacity|no capacity|high demand|server is busy|\b5(?:0[0-4]|29)\b|internal (?:server )?error|server_error|api_error|provider returned error|having issues right now|empty response|invalid streaming|malformed fragment|error occurred while processing/i,
  ],
  ['provider_unavailable', /\bUNAVAILABLE\b/],
  [
    'rate_limit',
    /rate.?limit|\b429\b|too many requests|throttl|slow down|tokens per min|requests per min|resource.?exhausted|resource has been exhausted|ratelimited|in cooldown/i,
  ],
  [
    'tool_failed',
    /\bE(?:ACCES|NOENT|ISDIR|NOTDIR|PERM|NOSPC|MFILE|ROFS)\b|no such file|no space left|disk is full|too many open files|permission denied|command not found|no module named|not valid JSON|JSONDecodeError|could not (?:edit|read|write) file|(?:read|write|edit|exec) failed|could not find page|FileNotFoundError|\btool\b.*(?:error|failed)/i,
  ],
  ['exit_code', /exit(?:ed)? (?:with )?(?:code|status) [1-9]\d*|command failed|^fatal: /im],
];

const ATTEMPTS = /All (?:[\w-]+ )?models failed \(\d+\):\s*([\s\S]*)$/i;
// `provider/model: error (reason)` as model-fallback-runner formats an attempt
const ATTEMPT = /^\s*([\w.@:-]+\/[\w.:@/-]+?):\s+([\s\S]*)$/;

// OpenClaw ends a failover attempt with its own reason for it: `… (rate_limit)`
const REASONS: Record<string, FailureCategory> = {
  auth: 'auth',
  auth_permanent: 'auth',
  format: 'request_rejected',
  rate_limit: 'rate_limit',
  overloaded: 'provider_unavailable',
  server_error: 'provider_unavailable',
  empty_response: 'provider_unavailable',
  billing: 'billing',
  timeout: 'provider_timeout',
  tls_certificate: 'network',
  context_overflow: 'context_overflow',
  model_not_found: 'unknown_model',
  session_expired: 'login_expired',
};
const REASON = /\((\w+)\)\.?\s*$/;

function byRules(text: string): FailureCategory {
  const reason = REASONS[REASON.exec(text.trim())?.[1] ?? ''];
  if (reason) return reason;
  for (const [category, pattern] of RULES) if (pattern.test(text)) return category;
  return 'unknown';
}

function parseAttempts(text: string): FailureAttempt[] {
  const m = ATTEMPTS.exec(text);
  if (!m) return [];
  const body = m[1]!.replace(/\s*(?:Logs: openclaw logs --follow|To view logs.*)\s*$/s, '');
  return body
    .split(/\s\|\s/)
    .map((part) => ATTEMPT.exec(part))
    .filter((a): a is RegExpExecArray => a != null)
    .map((a) => ({ model: a[1]!, text: a[2]!.trim().replace(/\.$/, ''), category: byRules(a[2]!) }));
}

export function analyzeFailure(f: FailureInput): FailureAnalysis {
  const text = [f.error, f.log].filter(Boolean).join('\n');
  const attempts = parseAttempts(text);
  // the job's own model failing is what ended the run; its fallbacks only existed to cover for it
  const first = attempts.find((a) => a.category !== 'unknown');
  let category = first?.category ?? byRules(text);
  if (category === 'unknown' || category === 'exit_code') {
    if (f.exitCode === 137) category = 'out_of_memory';
    else if (f.exitCode != null && f.exitCode !== 0) category = 'exit_code';
  }
  return { category, attempts };
}

export function categorizeFailure(f: FailureInput): FailureCategory {
  return analyzeFailure(f).category;
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

export { failureAdvice, type FailureContext } from './advice';
