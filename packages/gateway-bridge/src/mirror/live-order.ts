// Live events and the gateway's lists both write the same rows. These two say which is newer: a list asked
// for before a live event about a row is older than that event, and writes run in turn with the live feed.

/** Runs a database write in turn with the live events (see GatewayConnection.step). */
export type Step = <T>(write: () => Promise<T>) => Promise<T>;

export const inTurn: Step = (write) => write();

/** When a live event last touched a session (by key) or a job (`job:<id>`). */
export class LiveMarks {
  private readonly at = new Map<string, number>();

  touch(key: string): void {
    this.at.set(key, Date.now());
  }

  /** True when a live event about `key` arrived at or after `since` (the snapshot read before it is older). */
  since(key: string, since: number): boolean {
    return (this.at.get(key) ?? -Infinity) >= since;
  }
}
