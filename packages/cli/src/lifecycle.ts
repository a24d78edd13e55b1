import type { Logger } from './log';

/**
 * Runs a long-lived command: `starting` starts its parts, `stop` stops them. SIGINT/SIGTERM are handled from the
 * start on: a signal while the parts start (a supervisor stopping a bridge still taking its lease, or one frozen
 * and thawed mid-start) waits for the start, then stops what started, instead of killing the process half-way.
 * `stop` runs once with a deadline, then the process exits: 0 when everything stopped cleanly, 1 when a part
 * failed or the deadline passed (a supervisor then restarts us). The deadline only ends a shutdown that hangs:
 * on a loaded machine a clean one took more than 15 s (under systemd's 90 s default).
 */
export async function runUntilSignal<T>(
  starting: Promise<T>,
  stop: (started: T) => Promise<void>,
  log: Logger,
  deadlineMs = 60_000,
): Promise<T> {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    const timer = setTimeout(() => {
      log.error(`shutdown did not finish within ${deadlineMs / 1000} s`);
      process.exit(1);
    }, deadlineMs);
    starting.then(stop).then(
      () => {
        clearTimeout(timer);
        log.info('stopped cleanly');
        process.exit(0);
      },
      (err) => {
        log.error('shutdown failed', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return starting;
}
