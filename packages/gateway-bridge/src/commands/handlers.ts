// Which handler runs each command kind (one file per action).
import type { CommandKind } from '@agent-studio/core';
import type { CommandHandler } from './context';

import { resolveApproval } from './approval-resolve';
import { addCronJob } from './cron-add';
import { removeCronJob } from './cron-remove';
import { runCronJob } from './cron-run';
import { setCronEnabled } from './cron-set-enabled';
import { updateCronJob } from './cron-update';
import { sendTestAlert } from './alert-test';
import { testGateway } from './gateway-test';
import { publishGtmOutput } from './gtm-publish';
import { abortSession } from './session-abort';
import { spawnSwarm } from './swarm-spawn';

/** A handler for every kind: a kind without one does not compile. */
export type CommandHandlers = { [K in CommandKind]: CommandHandler<K> };

export const commandHandlers: CommandHandlers = {
  'cron.run': runCronJob,
  'cron.setEnabled': setCronEnabled,
  'cron.update': updateCronJob,
  'cron.add': addCronJob,
  'cron.remove': removeCronJob,
  'session.abort': abortSession,
  'gtm.publish': publishGtmOutput,
  'gateway.test': testGateway,
  'swarm.spawn': spawnSwarm,
  'approval.resolve': resolveApproval,
  'alert.test': sendTestAlert,
};
