import type { Logger } from './log';

/**
 * Runs `stop` once on SIGINT/SIGTERM with a deadline, then exits: 0 when everything stopped cleanly,
 * 1 when a part failed or the deadline passed (a supervisor then restarts us). The deadline only ends a
 * shutdown that hangs: on a loaded machine a clean one took more than 15 s (under systemd's 90 s default).
 */
export function stopOnSignals(stop: () => Promise<void>, log: Logger, deadlineMs = 60_000): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    const timer = setTimeout(() => {
      log.error(`shutdown did not finish within ${deadlineMs / 1000} s`);
      process.exit(1);
    }, deadlineMs);
    stop().then(
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
}
