// Claims queued `commands` rows and runs them (DESIGN.md "Act"). Woken by NOTIFY studio_commands (the
// Postgres listener wakes it again after a reconnect); the poll takes over commands a dead bridge left
// running, and is a safety net. One command at a time: they are rare and the gateway serializes them anyway.
import { claimNextCommand, finishCommand, requeueCommandsOf, type CommandRow, type Db } from '@agent-studio/database';
import { commandSchemas, type CommandKind } from '@agent-studio/core';
import { CoalescingRunner } from '@agent-studio/core/coalescing-runner';
import type { Logger } from '../logger';
import { GatewayError } from '../gateway/client';
import { CommandError, type CommandContext, type CommandHandler } from './context';
import { attemptOf, explainGatewayError } from './errors';

// a poll is a transaction, ~20 ms of CPU on PGlite: rare enough to keep an idle bridge idle
const POLL_MS = 30_000;

export class CommandExecutor {
  private stopListening: (() => Promise<void>) | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly runner = new CoalescingRunner(() => this.loop());

  constructor(
    private readonly db: Db,
    private readonly worker: string,
    private readonly handlers: Partial<Record<CommandKind, CommandHandler>>,
    private readonly ctx: CommandContext,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const requeued = await requeueCommandsOf(this.db, this.worker);
    if (requeued) this.logger.info(`re-queued ${requeued} command(s) interrupted by the last stop`);
    this.stopListening = await this.db.listen('studio_commands', () => this.wake());
    this.timer = setInterval(() => this.wake(), POLL_MS);
    this.timer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.stopListening?.();
    await this.runner.stop();
  }

  /** Resolves once every command queued so far has been handled (tests, shutdown). */
  async drain(): Promise<void> {
    await this.runner.idle();
  }

  wake(): void {
    this.runner.wake();
  }

  private async loop() {
    try {
      for (
        let cmd = await claimNextCommand(this.db, this.worker);
        cmd && !this.runner.isStopped;
        cmd = await claimNextCommand(this.db, this.worker)
      ) {
        await this.execute(cmd);
      }
    } catch (err) {
      this.logger.warn('command queue: database unavailable, will retry', err);
    }
  }

  private async execute(cmd: CommandRow) {
    const handler = this.handlers[cmd.kind];
    const schema = commandSchemas[cmd.kind];
    try {
      if (!handler || !schema) throw new CommandError(`This bridge cannot run "${cmd.kind}" commands.`);
      const parsed = schema.safeParse(cmd.payload);
      if (!parsed.success)
        throw new CommandError(`Invalid ${cmd.kind} command: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      const result = await handler(this.ctx, parsed.data as never, cmd);
      await finishCommand(this.db, cmd.id, { status: 'succeeded', result });
      this.logger.info(`command ${cmd.kind} ${cmd.id} succeeded`);
    } catch (err) {
      const message =
        err instanceof CommandError
          ? err.message
          : err instanceof GatewayError
            ? explainGatewayError(err, attemptOf(cmd.kind))
            : `Unexpected error: ${(err as Error).message}`;
      await finishCommand(this.db, cmd.id, { status: 'failed', error: message });
      this.logger.warn(`command ${cmd.kind} ${cmd.id} failed: ${message}`);
    }
  }
}
