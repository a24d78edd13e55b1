// Claims queued `commands` rows and runs them (DESIGN.md "Act"). Woken by NOTIFY studio_commands (the
// Postgres listener wakes it again after a reconnect); the poll takes over commands a dead bridge left
// running, and is a safety net. One command at a time: they are rare and the gateway serializes them anyway.
import { claimNextCommand, finishCommand, requeueCommandsOf, type CommandRow, type Db } from '@agent-studio/database';
import type { z } from 'zod';
import { commandSchemas, type CommandKind, type CommandPayload } from '@agent-studio/core';
import { CoalescingRunner } from '@agent-studio/core/coalescing-runner';
import type { Logger } from '../logger';
import { GatewayError } from '../gateway/client';
import { CommandError, type CommandContext, type CommandHandler } from './context';
import { attemptOf, explainGatewayError } from './errors';
import type { CommandHandlers } from './handlers';

// a poll is a transaction, ~20 ms of CPU on PGlite: rare enough to keep an idle bridge idle
const POLL_MS = 30_000;

/** The schemas read by kind (each parses to its kind's payload), so a handler gets its own payload type. */
const schemas: { [K in CommandKind]: z.ZodType<CommandPayload<K>> } = commandSchemas;

export class CommandExecutor {
  private stopListening: (() => Promise<void>) | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly runner = new CoalescingRunner(() => this.loop());

  constructor(
    private readonly db: Db,
    private readonly worker: string,
    /** The gateway this bridge serves: it claims that gateway's commands, no other. */
    private readonly gatewayId: string,
    private readonly handlers: CommandHandlers,
    private readonly ctx: CommandContext,
    private readonly logger: Logger,
    /** A standby taking the gateway over: re-queue what the last holder left running, whatever its name. */
    private readonly takeover = false,
  ) {}

  async start(): Promise<void> {
    const requeued = await requeueCommandsOf(this.db, this.takeover ? null : this.worker, this.gatewayId);
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
      const claim = () => claimNextCommand(this.db, this.worker, undefined, this.gatewayId);
      for (let cmd = await claim(); cmd && !this.runner.isStopped; cmd = await claim()) {
        await this.execute(cmd);
      }
    } catch (err) {
      this.logger.warn('command queue: database unavailable, will retry', err);
    }
  }

  /** The command's payload checked against its kind's schema, then its kind's handler. */
  private async run<K extends CommandKind>(kind: K, cmd: CommandRow): Promise<unknown> {
    // a kind this bridge does not know (a newer web app queued it) is in the database, not in the table
    if (!Object.hasOwn(this.handlers, kind)) throw new CommandError(`This bridge cannot run "${kind}" commands.`);
    const parsed = schemas[kind].safeParse(cmd.payload);
    if (!parsed.success)
      throw new CommandError(`Invalid ${kind} command: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    const handler: CommandHandler<K> = this.handlers[kind];
    return handler(this.ctx, parsed.data, cmd);
  }

  private async execute(cmd: CommandRow) {
    try {
      const result = await this.run(cmd.kind, cmd);
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
