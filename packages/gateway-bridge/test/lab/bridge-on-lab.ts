// The bridge on a lab gateway as the lab tests start it, and their waits: a wait that runs out says what the
// bridge logged last and the gateway's log tail, so a failure in CI can be read without a rerun.
import { join } from 'node:path';
import type { Db } from '@agent-studio/database';
import { TEST_DEADLINE_MS } from '@agent-studio/database/testing';
import { startBridge, type Bridge, type BridgeOptions } from '../../src/bridge';
import type { Lab } from './gateway';

export class LabWatch {
  readonly bridgeLog: string[] = [];
  readonly logger = {
    info: (msg: string, extra?: unknown) => this.log(msg, extra),
    warn: (msg: string, extra?: unknown) => this.log(msg, extra),
    error: (msg: string, extra?: unknown) => this.log(msg, extra),
  };

  constructor(
    private readonly lab: () => Lab | null | undefined,
    private readonly o: { logTail?: number; more?: () => string } = {},
  ) {}

  private log(msg: string, extra?: unknown) {
    this.bridgeLog.push(
      `${msg} ${extra === undefined ? '' : JSON.stringify(extra instanceof Error ? extra.message : extra)}`,
    );
  }

  readonly diagnostics = () =>
    `\n--- bridge\n${this.bridgeLog.slice(-20).join('\n')}${this.o.more?.() ?? ''}\n${this.lab()?.logTail(this.o.logTail ?? 20) ?? ''}`;

  /** Polls `fn` every 200 ms until it returns something truthy. */
  readonly until = async <T>(what: string, fn: () => Promise<T | null | undefined | false>): Promise<T> => {
    const deadline = Date.now() + TEST_DEADLINE_MS;
    for (;;) {
      const v = await fn();
      if (v) return v;
      if (Date.now() > deadline)
        throw new Error(`timed out after ${TEST_DEADLINE_MS / 1000} s waiting for ${what}${this.diagnostics()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  /** The bridge on the lab's gateway and workspace, its identity and GTM folder under `dir`; once connected. */
  async startBridge(db: Db, lab: Lab, dir: string, worker: string, more: Partial<BridgeOptions> = {}): Promise<Bridge> {
    const bridge = await startBridge({
      db,
      identityDir: join(dir, 'studio'),
      gateway: { url: lab.url, token: lab.token, workspaceDir: lab.workspaceDir },
      gtmDir: join(dir, 'gtm'),
      logger: this.logger,
      worker,
      ...more,
    });
    try {
      await this.until('the bridge connected', async () => bridge.gateway.calls !== null);
    } catch (err) {
      await bridge.stop().catch(() => {});
      throw err;
    }
    return bridge;
  }
}
