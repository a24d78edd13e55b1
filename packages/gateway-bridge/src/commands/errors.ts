// The one place where what went wrong talking to OpenClaw becomes words the owner understands. Stored on
// the command, so the toast and the activity log say the same thing.
import type { CommandKind } from '@agent-studio/core';
import type { GatewayError } from '../gateway/client';

/** What a handler was doing, for the message ("run “Daily digest”"). */
export interface Attempt {
  what: string;
  /** The kind of thing acted on, for "not found" ("job", "session"). */
  thing: 'job' | 'session' | 'content item' | 'swarm' | 'approval' | 'alert channel';
}

const UNREACHABLE = new Set(['NOT_CONNECTED', 'DISCONNECTED', 'TIMEOUT', 'UNAVAILABLE']);

export function explainGatewayError(err: GatewayError, attempt: Attempt): string {
  if (UNREACHABLE.has(err.code))
    return `Could not ${attempt.what}: the OpenClaw gateway is unreachable (${err.message}) Try again once it is back.`;
  if (err.detailCode === 'CRON_JOB_NOT_FOUND' || err.code === 'NOT_FOUND' || /not found/i.test(err.message)) {
    return `Could not ${attempt.what}: OpenClaw no longer has this ${attempt.thing}.`;
  }
  if (/unknown method/i.test(err.message))
    return `Could not ${attempt.what}: this OpenClaw gateway does not offer that (it may be an older version).`;
  if (err.code === 'INVALID_REQUEST')
    return `Could not ${attempt.what}: OpenClaw refused it (${err.message.replace(/^invalid [\w.]+ params: /, '')}).`;
  return `Could not ${attempt.what}: OpenClaw answered “${err.message}”.`;
}

/** A session that had nothing running when the abort arrived. */
export const alreadyFinished = (status: string) =>
  `The session has already finished (${status}); there was nothing to stop.`;

const ATTEMPTS: Record<CommandKind, Attempt> = {
  'cron.run': { what: 'run the job', thing: 'job' },
  'cron.setEnabled': { what: 'pause or resume the job', thing: 'job' },
  'cron.update': { what: 'change the job', thing: 'job' },
  'cron.add': { what: 'create the job', thing: 'job' },
  'cron.remove': { what: 'delete the job', thing: 'job' },
  'session.abort': { what: 'stop the session', thing: 'session' },
  'gtm.publish': { what: 'publish the content', thing: 'content item' },
  'swarm.spawn': { what: 'start the swarm', thing: 'swarm' },
  'gateway.test': { what: 'test the connection', thing: 'job' },
  'approval.resolve': { what: 'answer the approval', thing: 'approval' },
  'alert.test': { what: 'send a test alert', thing: 'alert channel' },
};
export const attemptOf = (kind: CommandKind): Attempt => ATTEMPTS[kind] ?? { what: `do "${kind}"`, thing: 'job' };
