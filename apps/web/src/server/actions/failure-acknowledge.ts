import 'server-only';
import type { Actor } from '@agent-studio/core';
import {
  acknowledgeFailure,
  acknowledgeFailures,
  getAgentSession,
  getCronRun,
  type FailureTargetKind,
} from '@agent-studio/database';
import { withActivity } from './activity';
import { DomainError } from './errors';
import { existing } from './lookup';

/** Marks a failed run or session seen, so it leaves the inbox (once; again is a no-op). */
export async function acknowledge(actor: Actor, kind: FailureTargetKind, id: string): Promise<boolean> {
  const target =
    kind === 'cron_run'
      ? await existing('Run', id, getCronRun).then((r) => {
          if (r.status !== 'failed' && r.status !== 'timeout')
            throw new DomainError('invalid_transition', `The run did not fail (${r.status}).`);
          return { kind: 'cron_run' as const, id: r.id, label: r.error?.slice(0, 200) ?? 'failed run' };
        })
      : await existing('Session', id, getAgentSession).then((s) => {
          if (s.status !== 'error')
            throw new DomainError('invalid_transition', `The session did not fail (${s.status}).`);
          return { kind: 'agent_session' as const, id: s.id, label: s.agent_name };
        });
  return withActivity(actor, { action: 'failure.acknowledge', target }, (tx) =>
    acknowledgeFailure(tx, { kind, id }, actor.name),
  );
}

/** Marks every failure the owner saw in the inbox seen at once (one audit entry with how many). */
export async function acknowledgeAll(
  actor: Actor,
  items: readonly { kind: FailureTargetKind; id: string }[],
): Promise<number> {
  return withActivity(
    actor,
    {
      action: 'failure.acknowledge',
      target: { kind: 'cron_run', id: null, label: `${items.length} failures` },
      detail: { count: items.length },
    },
    (tx) => acknowledgeFailures(tx, items, actor.name),
  );
}
