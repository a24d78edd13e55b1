// The causes a failure is sorted into, each with one fix (advice.ts) and its rules (categorize.ts).

export const failureCategories = [
  'provider_unavailable', // the provider failed on its side: overloaded, 5xx, empty or broken answer
  'provider_timeout', // the model call never finished (5xx/429 retried or a hang) until the run's time ran out
  'rate_limit',
  'usage_limit', // a plan's usage window or daily quota, reset at a known time
  'billing', // credits or balance
  'auth', // a key missing, wrong or refused
  'login_expired', // an OAuth or session login that expired or was revoked
  'unknown_model', // a model id the provider does not know, or one not allowed here
  'context_overflow',
  'request_rejected', // the provider refused the request as sent: content filter, tool ids, conversation shape
  'tool_failed', // a tool ran and failed: file, permission, command, disk
  'tool_denied', // a tool call refused by exec approval, the sandbox or the tool policy
  'tool_missing', // a tool not enabled for the agent
  'browser_unavailable',
  'timeout', // the run's own time limit, reached while working
  'network',
  'gateway', // the gateway restarted, drained or stalled under the run
  'delivery_failed', // the work was done, its announcement did not reach the channel
  'out_of_memory',
  'exit_code',
  'cancelled', // stopped by its owner: not a failure
  'unknown',
] as const;
export type FailureCategory = (typeof failureCategories)[number];
