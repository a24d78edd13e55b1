// The alert rule registry: one module per kind. A new kind is a module in this folder and one line here;
// the rules page, the API and the bridge's engine all read this list (a kind without a row in alert_rules
// is off).
import type { AlertRule } from '../rule';
import { agentErrored } from './agent-errored';
import { approvalWaiting } from './approval-waiting';
import { budgetPassed } from './budget-passed';
import { channelDown } from './channel-down';
import { contentReview } from './content-review';
import { gatewayUnreachable } from './gateway-unreachable';
import { jobFailed } from './job-failed';
import { runEmpty } from './run-empty';
import { runMissed } from './run-missed';

export const alertRules: readonly AlertRule[] = [
  jobFailed,
  runMissed,
  runEmpty,
  budgetPassed,
  agentErrored,
  gatewayUnreachable,
  contentReview,
  approvalWaiting,
  channelDown,
];

export const alertRuleByKind = (kind: string): AlertRule | undefined => alertRules.find((r) => r.kind === kind);
