// The e2e tests' own operator connection to a lab gateway: to set a scene (add jobs) the way another OpenClaw
// client would, and to ask OpenClaw itself what it has (cron.list), apart from the studio.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@agent-studio/database/testing';
import { GatewayClient } from '@agent-studio/gateway-bridge/gateway/client';
import { loadOrCreateDevice } from '@agent-studio/gateway-bridge/gateway/device-identity';
import type { GatewayUnderTest } from './harness';

export interface LabOperator {
  /** Resolves once connected (up to 60 s). */
  ready(): Promise<GatewayClient>;
  stop(): Promise<void>;
}

export function startOperator(gateway: Pick<GatewayUnderTest, 'url' | 'token'>): LabOperator {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-operator-'));
  const op = new GatewayClient({
    url: gateway.url,
    token: gateway.token,
    device: loadOrCreateDevice(dir),
    clientVersion: '0.0.0-e2e',
  });
  op.start();
  return {
    async ready() {
      await until('the test operator connected', async () => op.connected);
      return op;
    },
    async stop() {
      await op.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
