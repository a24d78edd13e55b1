// The body a webhook receiver gets for an event: the event's own fields, and what a person needs to act on it
// without opening the studio first (issue 20, item 13). Built once, when the delivery is queued, so every retry
// sends the same body.
import type { EventPayload, StudioEvent } from '@agent-studio/core';
import type { WebhookData } from '@agent-studio/core/api';
import { describeFailure, describeRunFailure } from '@agent-studio/core/failures/run-failure';
import { boundText, studioLink, studioPaths, type WebhookEventType } from '@agent-studio/core/webhook-events';
import type { Queryable } from '../db';

export interface WebhookPayloadOptions {
  /** The address the studio's users open it by (STUDIO_PUBLIC_URL): links get a full `url` too. */
  publicUrl?: string | null;
}

// ids in events are the studio's UUIDs; anything else (an event from a test or a bench) has no row to find
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The data of a webhook delivery for `event`, or null when there is nothing to send after all. */
export async function webhookPayloadFor(
  tx: Queryable,
  type: WebhookEventType,
  event: StudioEvent,
  opts: WebhookPayloadOptions = {},
): Promise<unknown> {
  if (type === 'job.failed') return jobFailed(tx, event.payload as EventPayload<'cron.run.completed'>, opts);
  if (type === 'agent.errored') return agentErrored(tx, event.payload as EventPayload<'agent.session.updated'>, opts);
  return event.payload;
}

async function jobFailed(
  tx: Queryable,
  p: EventPayload<'cron.run.completed'>,
  opts: WebhookPayloadOptions,
): Promise<WebhookData<'job.failed'> | null> {
  const [run] = UUID.test(p.runId)
    ? await tx.query<{
        status: string;
        error: string | null;
        stderr: string | null;
        exit_code: number | null;
        model: string | null;
        provider: string | null;
        job_name: string | null;
      }>(
        'select r.status, r.error, r.stderr, r.exit_code, r.model, r.provider, j.name as job_name from cron_runs r left join cron_jobs j on j.id = r.job_id where r.id = $1',
        [p.runId],
      )
    : [];
  // stopped by the owner or a budget: not a failure
  if (run?.status === 'cancelled') return null;
  // the reading the Failures page, the run page and the API give, so a receiver and the studio agree
  const failure = describeRunFailure({ error: null, ...run, status: 'failed' }, run?.job_name);
  return {
    ...p,
    status: 'failed',
    jobName: run?.job_name ?? null,
    error: run?.error?.trim() ? boundText(run.error) : boundText(run?.stderr, 'end'),
    category: failure!.category,
    advice: failure!.advice,
    ...studioLink(studioPaths.run(p.runId), opts.publicUrl),
  };
}

/**
 * Why a session errored, as the Failures page tells it (listFailedSessions): a cron run's session by its run's
 * error (OpenClaw's own word on why it ended), else its newest error line (with its tool's output, which the
 * category reads too), else a sub-agent's terminal summary.
 */
async function agentErrored(
  tx: Queryable,
  p: EventPayload<'agent.session.updated'>,
  opts: WebhookPayloadOptions,
): Promise<WebhookData<'agent.errored'>> {
  const [s] = UUID.test(p.sessionId)
    ? await tx.query<{
        agent_name: string;
        session_key: string | null;
        run_error: string | null;
        log_error: string | null;
        log_detail: string | null;
        summary: string | null;
      }>(
        `select s.agent_name, s.session_key,
                (select r.error from cron_runs r where r.gateway_id = s.gateway_id and r.session_key = s.session_key and nullif(trim(r.error), '') is not null
                  order by r.started_at desc limit 1) as run_error,
                l.message as log_error, left(l.tool_output #>> '{}', 4000) as log_detail,
                case when s.agent_type = 'subagent' then nullif(trim(s.progress_message), '') end as summary
           from agent_sessions s
           left join lateral (select message, tool_output from agent_logs where session_id = s.id and level = 'error' order by seq desc limit 1) l on true
          where s.id = $1`,
        [p.sessionId],
      )
    : [];
  const error = s?.run_error ?? s?.log_error ?? s?.summary ?? null;
  const { category, advice } = describeFailure({ error, log: s?.run_error ? null : s?.log_detail });
  return {
    ...p,
    status: 'error',
    agentName: s?.agent_name ?? null,
    sessionKey: s?.session_key ?? null,
    error: boundText(error),
    category,
    advice,
    ...studioLink(studioPaths.session(p.sessionId), opts.publicUrl),
  };
}
