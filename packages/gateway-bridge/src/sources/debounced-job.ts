// One job run at a time, after changes settle (a burst of file events is one run) and on a timer (what a
// watcher missed). The file-watching sources use it to re-read what they follow.
export class DebouncedJob {
  private chain: Promise<void> = Promise.resolve();
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly run: () => Promise<void>,
    private readonly opts: { debounceMs: number; everyMs: number; onError: (err: unknown) => void },
  ) {}

  /** Runs at once, then every `everyMs`. */
  start(): void {
    this.timer = setInterval(() => this.poke(0), this.opts.everyMs);
    this.timer.unref();
    this.poke(0);
  }

  poke(delay = this.opts.debounceMs): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.chain = this.chain.then(this.run).catch(this.opts.onError);
    }, delay);
  }

  /** Resolves when every change seen so far (including one still being debounced) is applied. */
  async idle(): Promise<void> {
    let current;
    do {
      while (this.debounce) await new Promise((r) => setTimeout(r, this.opts.debounceMs));
      current = this.chain;
      await current;
    } while (current !== this.chain || this.debounce);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }
}
