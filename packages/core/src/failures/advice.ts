// What to do about a failure, in OpenClaw's own terms (its config keys and commands), naming this run's provider,
// model and job when they are known. Each text must hold for every failure of its category in the corpus.
import type { FailureCategory } from './categories';

export interface FailureContext {
  /** `provider/model` or a bare model id, as the run recorded it. */
  model?: string | null;
  provider?: string | null;
  job?: string | null;
  exitCode?: number | null;
  /** The error text, read for a provider or model the context does not give. */
  error?: string | null;
}

const code = (s: string) => `\`${s}\``;

/** The provider named by the run's model (`anthropic/claude-…`) or by OpenClaw's words in the error. */
function providerOf(ctx: FailureContext): string | null {
  if (ctx.provider) return ctx.provider;
  const slash = ctx.model?.indexOf('/') ?? -1;
  if (ctx.model && slash > 0) return ctx.model.slice(0, slash);
  const text = ctx.error ?? '';
  const m =
    /(?:for provider|API key for) "([\w.-]+)"/i.exec(text) ??
    /(?:refresh failed for|sign in to|reach) ([\w.-]+)[: ]/i.exec(text) ??
    /(?:^|: |\bProvider )([\w.-]+) is in cooldown/.exec(text) ??
    /⚠️ ([\w.-]+) \([^)]*\) returned/.exec(text) ??
    /models failed \(\d+\):\s*([\w.-]+)\//i.exec(text) ??
    /^(?:FailoverError: )?([\w.-]+) (?:is overloaded|is asking|hasn't been|rejected the request|can't find|isn't accepting|is having)/.exec(
      text,
    );
  return m?.[1] ?? null;
}

// a tool's service (the web, mail, git, a SaaS API), not the model provider, said it: its fix is elsewhere
const TOOL_SERVICE =
  /\bweb_\w+|\b(?:IMAP|SMTP|github|gitlab|slack|notion|hubspot|npm|ssh|remote:|git)\b|\bHttpError\b|APIResponseError|An API error occurred|Client Error/i;

export function failureAdvice(category: FailureCategory, ctx: FailureContext = {}): string {
  const toolService = TOOL_SERVICE.test(ctx.error ?? '');
  if (toolService && category === 'rate_limit')
    return 'A service a tool called is limiting how often it may be called. Spread the schedules of the jobs that call it, call it less per run, or wait for its limit to reset.';
  if (toolService && category === 'auth')
    return 'A service a tool called (an API, mail, git) refused its credentials. Renew the token or password that tool uses (in the agent’s environment or the skill’s config).';
  const p = providerOf(ctx);
  const provider = p ? `The provider ${p}` : 'The model provider';
  const of = p ? ` on ${p}` : '';
  const model = ctx.model ? ` ${code(ctx.model)}` : '';
  const job = ctx.job ? ` of “${ctx.job}”` : '';
  const fallbacks = code('agents.defaults.model.fallbacks');
  switch (category) {
    case 'provider_unavailable':
      return `${provider} failed on its side (overloaded or a 5xx error); nothing in the job is wrong. Retry later, or add a fallback model to ${fallbacks} so runs move on while it is down.`;
    case 'provider_timeout':
      return `The call to the model${model} never finished: the provider kept answering 5xx or 429 (OpenClaw retried) or hung until the run's time ran out, so a longer timeout only waits longer. Check the provider's status and add a fallback model to ${fallbacks}.`;
    case 'rate_limit':
      return `${provider} is limiting requests or tokens per minute. Spread the schedules of jobs that run together, run fewer at once, or add a fallback model to ${fallbacks}; a higher usage tier raises the limit.`;
    case 'usage_limit':
      return `The plan's usage window or daily quota${of} is used up; runs fail until it resets. Wait for the reset, move the job to another model (${code('agents.defaults.model')} or the job's model), or raise the plan.`;
    case 'billing':
      return `${provider} refused for billing: the account is out of credits or its balance is too low. Top it up in the provider's console (billing page), or switch to another key with ${code('openclaw configure')}.`;
    case 'auth':
      return `${provider} refused the API key, or none is configured on the gateway. Set a valid one with ${code('openclaw configure')} (or the provider's key variable in the gateway's environment), then check it with ${code('openclaw models status --probe')}.`;
    case 'login_expired':
      return `The saved login${p ? ` to ${p}` : ''} (OAuth) expired or was revoked. Sign in again with ${code(`openclaw models auth login --provider ${p ?? '<provider>'}`)}.`;
    case 'unknown_model':
      return `The model${model || ' configured'} is unknown to its provider, retired, or not allowed for this agent. Set a model that exists in ${code('agents.defaults.model')} (or the job's model); ${code('openclaw models list')} shows them.`;
    case 'context_overflow':
      return `The conversation no longer fits the model's context window${model ? ` (${code(ctx.model!)})` : ''}. Start fresh with ${code('/new')}, turn on ${code('agents.defaults.compaction')}, keep tool output shorter, or use a larger-context model.`;
    case 'request_rejected':
      return `${provider} refused the request as sent: a content filter, or a conversation it cannot take (tool calls without results, mismatched tool ids, roles out of order). Start a fresh session with ${code('/new')}; if a content filter fired, reword the job's prompt.`;
    case 'tool_failed':
      return 'A tool the agent ran failed (a missing file, a permission, a command, a full disk). Open the failing tool call in the log and fix the path, permission or command in the prompt or the workspace.';
    case 'tool_denied':
      return `A tool call was refused by policy: exec approval (a cron run cannot wait for one), the sandbox's mounts, or the tool policy. If the job needs it, allow the command in the exec approvals allowlist or the path in ${code('agents.defaults.sandbox')}.`;
    case 'tool_missing':
      return `The agent called a tool it does not have. Enable it for the agent (${code('tools.allow')} or its tool profile), or reword the prompt so it is not needed.`;
    case 'browser_unavailable':
      return `The browser tool could not reach its browser. Start it with ${code('openclaw browser start')}, or run ${code('openclaw browser doctor')} to see why it is down.`;
    case 'timeout':
      return `The run${job} reached its time limit while still working. Raise the job's ${code('timeoutSeconds')} or split the work; long work fits a detached sub-agent.`;
    case 'network':
      return 'The gateway host could not reach a service (DNS, refused connection, TLS, proxy). Check the host’s network and the service’s address; a retry often works.';
    case 'gateway':
      return `The gateway restarted, drained or stalled while the run was going. Run it again; if it repeats, look at ${code('openclaw gateway status --deep')} and ${code('openclaw logs --follow')}.`;
    case 'delivery_failed':
      return `The work finished but its message did not reach the channel. Check the job's ${code('delivery')} (channel and ${code('to')}) and the channel with ${code('openclaw channels status --probe')}.`;
    case 'out_of_memory':
      return 'The process ran out of memory. Give the gateway (or the command) more memory, or process less at once.';
    case 'exit_code':
      return `The command exited with an error${ctx.exitCode ? ` (code ${ctx.exitCode})` : ''}; its output in the run's log says why.`;
    case 'cancelled':
      return 'Stopped by its owner or a budget: not a failure.';
    case 'unknown':
      return `The error names no cause the studio recognises yet. Open the log (${code('openclaw logs --follow')}); the Failures page keeps such errors grouped so a new cause shows.`;
  }
}
