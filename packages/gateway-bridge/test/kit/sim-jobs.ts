// Jobs the simulator tests add to the gateway, by what they stand for.
import type { GatewaySimulator } from '../../src/simulator/gateway-simulator';

type JobSpec = Parameters<GatewaySimulator['addJob']>[0];

/** A cron job in a time zone of its own (07:00 Berlin), as the studio's own job list shows one. */
export const DAILY_DIGEST = {
  name: 'Daily digest',
  enabled: true,
  schedule: { kind: 'cron', expr: '0 7 * * *', tz: 'Europe/Berlin' },
  payload: { kind: 'agentTurn', message: 'write the digest' },
} satisfies JobSpec;

/** A disabled interval job (every 15 minutes). */
export const pausedJob = (name: string, message = 'x'): JobSpec => ({
  name,
  enabled: false,
  schedule: { kind: 'every', everyMs: 900_000 },
  payload: { kind: 'agentTurn', message },
});

/** An enabled job every hour: not due while a test watches, so its runs are the ones the test makes. */
export const hourlyJob = (name: string, message = 'x'): JobSpec => ({
  name,
  enabled: true,
  schedule: { kind: 'every', everyMs: 3_600_000 },
  payload: { kind: 'agentTurn', message },
});

/** A job that is not due while a test or bench watches an idle bridge (daily, 07:00 UTC). */
export const IDLE_JOB = {
  name: 'idle job',
  enabled: true,
  schedule: { kind: 'cron', expr: '0 7 * * *' },
  payload: { kind: 'agentTurn', message: 'x' },
} satisfies JobSpec;
