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

export const commandHandlers: Partial<Record<CommandKind, CommandHandler>> = {
  'cron.run': runCronJob as CommandHandler,
  'cron.setEnabled': setCronEnabled as CommandHandler,
  'cron.update': updateCronJob as CommandHandler,
  'cron.add': addCronJob as CommandHandler,
  'cron.remove': removeCronJob as CommandHandler,
  'session.abort': abortSession as CommandHandler,
  'gtm.publish': publishGtmOutput as CommandHandler,
  'gateway.test': testGateway as CommandHandler,
  'swarm.spawn': spawnSwarm as CommandHandler,
  'approval.resolve': resolveApproval as CommandHandler,
  'alert.test': sendTestAlert as CommandHandler,
};
