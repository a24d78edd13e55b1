// What an alert rule is: a kind that reads the studio's own tables and says what is wrong right now. The
// engine (in the bridge) groups what a rule finds into one incident, opens it, updates it and resolves it;
// a rule only answers "what is open now?", so it is a small query and a few words.
import type { z } from 'zod';
import type { Queryable } from '../db';

/** One thing a rule finds wrong now: `key` identifies it across evaluations (a job id, 'gateway'). */
export interface OpenItem {
  key: string;
  title: string;
  detail: string;
}

export interface AlertRule<P extends Record<string, unknown> = Record<string, unknown>> {
  kind: string;
  /** Shown in the rules list ("Job failed"). */
  label: string;
  description: string;
  /** The rule's settings, with their defaults (`parse({})` gives the defaults). */
  params: z.ZodType<P>;
  /** Its settings in words for the form: name → label (and unit). */
  paramLabels?: Partial<Record<keyof P & string, string>>;
  /** About OpenClaw's own reachability: such an alert never goes only through the gateway. */
  aboutGateway?: boolean;
  /** The incident's title for what is open ("3 jobs failed"). */
  summary(items: readonly OpenItem[]): string;
  findOpen(db: Queryable, params: P, now: Date): Promise<OpenItem[]>;
  /**
   * For a condition that opens with time alone, without any event (the gateway away for N minutes): when it
   * will, if nothing changes meanwhile; the engine looks again then.
   */
  opensAt?(db: Queryable, params: P, now: Date): Promise<Date | null>;
}

/** "1 job failed" / "3 jobs failed" / "Job “digest” failed". */
export function countTitle(items: readonly OpenItem[], one: (item: OpenItem) => string, many: (n: number) => string) {
  return items.length === 1 ? one(items[0]!) : many(items.length);
}

export const defineRule = <P extends Record<string, unknown>>(rule: AlertRule<P>) => rule as unknown as AlertRule;
