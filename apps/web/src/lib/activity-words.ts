// An activity entry in words (the /activity page and the toasts share them).

const ACTIONS: Record<string, string> = {
  'cron.run': 'Run now',
  'cron.update': 'Edit job',
  'cron.add': 'Create job',
  'cron.remove': 'Delete job',
  'cron.setEnabled': 'Pause or resume',
  'session.abort': 'Cancel session',
  'swarm.spawn': 'Launch swarm',
  'gtm.publish': 'Publish',
  'gtm.edit': 'Edit content',
  'gtm.schedule': 'Schedule or reprioritize content',
  'budget.set': 'Set budget',
  'budget.delete': 'Remove budget',
  'budget.warn': 'Budget warning',
  'approval.resolve': 'Answer approval',
  'failure.acknowledge': 'Acknowledge failure',
  'alert.test': 'Send a test alert',
  'webhook.create': 'Add webhook',
  'webhook.update': 'Change webhook',
  'webhook.delete': 'Delete webhook',
  'webhook.test': 'Send a test delivery',
  'token.create': 'Create API token',
  'token.revoke': 'Revoke API token',
};

export function actionInWords(action: string, detail: Record<string, unknown> = {}): string {
  if (action === 'cron.setEnabled' && typeof detail.enabled === 'boolean')
    return detail.enabled ? 'Resume job' : 'Pause job';
  if (action === 'cron.run' && detail.triggerType === 'retry') return 'Retry run';
  if (action === 'approval.resolve' && typeof detail.decision === 'string')
    return detail.decision === 'deny' ? 'Deny' : detail.decision === 'allow-always' ? 'Always allow' : 'Approve';
  if (action === 'gtm.status' && typeof detail.to === 'string') return `Move content to ${detail.to.replace('_', ' ')}`;
  return ACTIONS[action] ?? action;
}

/** Where the target of an action is shown in the studio. */
export function targetHref(kind: string | null, id: string | null): string | null {
  if (!id) return null;
  if (kind === 'cron_job') return `/cron/${id}`;
  if (kind === 'agent_session') return `/agents/${id}`;
  if (kind === 'gtm_output') return `/content/${id}`;
  if (kind === 'cron_run') return `/cron/runs/${id}`;
  if (kind === 'approval') return `/inbox?approval=${id}`;
  if (kind === 'webhook') return `/settings/webhooks/${id}`;
  return null;
}

export const ACTIVITY_AREAS = [
  { value: 'cron', label: 'Cron jobs' },
  { value: 'session', label: 'Sessions' },
  { value: 'swarm', label: 'Swarms' },
  { value: 'gtm', label: 'Content' },
  { value: 'budget', label: 'Budgets' },
  { value: 'approval', label: 'Approvals' },
  { value: 'failure', label: 'Failures' },
  { value: 'webhook', label: 'Webhooks' },
  { value: 'token', label: 'API tokens' },
] as const;
