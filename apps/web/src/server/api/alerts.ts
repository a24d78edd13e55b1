import 'server-only';
import type { z } from 'zod';
import type { alertChannel, alertDelivery, alertRule } from '@agent-studio/core/api';
import {
  alertRuleByKind,
  type AlertChannelRow,
  type AlertDeliveryRow,
  type AlertRuleSettings,
} from '@agent-studio/database';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const toAlertChannel = (c: AlertChannelRow): z.infer<typeof alertChannel> => ({
  id: c.id,
  name: c.name,
  kind: c.kind,
  config: c.config,
  secretHint: c.secret_hint,
  hasSecret: c.has_secret,
  enabled: c.enabled,
  allowPrivateNetwork: c.allow_private_network,
  createdAt: iso(c.created_at)!,
});

export const toAlertDelivery = (d: AlertDeliveryRow): z.infer<typeof alertDelivery> => ({
  id: d.id,
  channelId: d.channel_id,
  incidentId: d.incident_id,
  messageKind: d.message_kind,
  title: d.title,
  status: d.status,
  attempts: d.attempts,
  responseStatus: d.response_status,
  answer: d.answer,
  error: d.error,
  createdAt: iso(d.created_at)!,
  lastAttemptAt: iso(d.last_attempt_at),
  nextAttemptAt: d.status === 'pending' ? iso(d.next_attempt_at) : null,
});

export function toAlertRule(s: AlertRuleSettings): z.infer<typeof alertRule> {
  const rule = alertRuleByKind(s.kind)!;
  return {
    kind: s.kind,
    label: rule.label,
    description: rule.description,
    enabled: s.enabled,
    channelIds: s.channel_ids,
    params: s.params,
    paramLabels: (rule.paramLabels ?? {}) as Record<string, string>,
    quietHours: s.quiet_hours,
    aboutGateway: Boolean(rule.aboutGateway),
  };
}
