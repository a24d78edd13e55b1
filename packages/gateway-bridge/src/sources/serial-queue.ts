/** Work done one piece at a time, in the order it came: a source's writes, so that events land in order. */
export class SerialQueue {
  private chain: Promise<void> = Promise.resolve();

  /** `onError` hears of a piece that failed; the pieces after it still run. */
  constructor(private readonly onError: (err: unknown) => void) {}

  /** Runs `job` after everything added before it. */
  add(job: () => Promise<void>): void {
    this.chain = this.chain.then(job).catch(this.onError);
  }

  /** Resolves once everything added so far has run, including what was added while it waited. */
  async idle(): Promise<void> {
    let current;
    do {
      current = this.chain;
      await current;
    } while (current !== this.chain);
  }
}
