/**
 * Runs `task` one pass at a time. A `wake()` during a pass asks for exactly one more pass after it, however
 * many wakes arrive, so a burst of notifications costs at most two passes. After `stop()` wakes are ignored.
 */
export class CoalescingRunner {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly task: () => Promise<void>) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.task().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Resolves once no pass is running or asked for. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Ignores further wakes, then waits for the pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }
}
