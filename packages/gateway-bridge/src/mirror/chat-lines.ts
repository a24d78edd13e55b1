// Chat messages as log lines: live ones in bursts (one transaction for many), and those read back from the
// gateway's history. A model call's usage is added to its running session as its message arrives; a reset's
// marker splits the conversation before it off.
import {
  addRunningSessionUsage,
  insertSessionLogs,
  splitSessionAtReset,
  type Db,
  type SessionLogInput,
} from '@agent-studio/database';
import type { Logger } from '../logger';
import type { LiveMarks } from './live-order';
import { isDataError, sessionIds } from './rows';
import { sessionMessageSchema } from './schemas';
import { messageLine, type MessageLine } from './translate';

type Usage = NonNullable<MessageLine['usage']>;

export class ChatLines {
  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly live: LiveMarks,
    /** The gateway the lines are of. */
    private readonly gatewayId: string,
  ) {}

  /** A live chat message's log line (null when it cannot be read). */
  liveLine(payload: unknown): MessageLine | null {
    const parsed = sessionMessageSchema.safeParse(payload);
    if (!parsed.success) {
      this.logger.warn('gateway: a session.message could not be read; skipped', parsed.error.issues[0]);
      return null;
    }
    this.live.touch(parsed.data.sessionKey);
    return messageLine(parsed.data.sessionKey, parsed.data.message, parsed.data.messageId);
  }

  /** Writes live lines; false (and logged) for any the database refused, the others are kept. */
  async write(lines: MessageLine[]): Promise<boolean> {
    try {
      await this.insert(lines);
      return true;
    } catch (err) {
      // a line the database refuses must not take the others with it: they are written one by one
      if (isDataError(err) && lines.length > 1) {
        let ok = true;
        for (const l of lines) ok = (await this.write([l])) && ok;
        return ok;
      }
      this.logger.warn(
        `gateway: ${lines.length === 1 ? `a chat message of ${lines[0]!.key}` : `${lines.length} chat messages`} not mirrored`,
        err,
      );
      return false;
    }
  }

  /** Lines read back from the gateway's history; the number that were missing. */
  async writeHistory(lines: MessageLine[]): Promise<number> {
    return this.insert(lines);
  }

  private async insert(lines: MessageLine[]): Promise<number> {
    return this.db.transaction(async (tx) => {
      const ids = await sessionIds(tx, this.gatewayId, [...new Set(lines.map((l) => l.key))]);
      const usage = new Map<SessionLogInput, Usage>();
      const rows = lines.map((l) => {
        const row = { ...l.line, sessionId: ids.get(l.key)! };
        if (l.usage) usage.set(row, l.usage);
        return row;
      });
      // a model call's usage counts once (its message is new), so budgets see a running session's spending
      // before OpenClaw's end-of-run totals
      const spent = new Map<string, Usage>();
      const fresh = await insertSessionLogs(tx, rows);
      for (const row of fresh) {
        const u = usage.get(row);
        if (!u) continue;
        const sum = spent.get(row.sessionId) ?? { input: 0, output: 0, total: 0, costUsd: null };
        spent.set(row.sessionId, {
          input: sum.input + u.input,
          output: sum.output + u.output,
          total: sum.total + u.total,
          costUsd: u.costUsd == null ? sum.costUsd : (sum.costUsd ?? 0) + u.costUsd,
        });
      }
      for (const [sessionId, u] of spent) await addRunningSessionUsage(tx, sessionId, u);
      // OpenClaw's reset marker (read back with the history: it is not sent live) begins the key's conversation
      // anew: what came before it becomes a session of its own, as the gateway's history no longer has it
      for (const row of fresh)
        if (row.metadata?.reset === true) await splitSessionAtReset(tx, row.sessionId, row.timestamp);
      return fresh.length;
    });
  }
}
