// A REAL OpenClaw gateway (the lab) whose model fails in each way the mock can script, mirrored by the bridge:
// the cause and the fix the studio shows for each run (describeRunFailure: the run page, the run API, the
// Failures page and the webhooks read it) are the right ones. Each lab provider serves one failure per gateway
// (a failure can park its key), so the cases run in two rounds of four, each on a gateway of its own.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { describeRunFailure } from '@agent-studio/core/failures/run-failure';
import type { FailureCategory } from '@agent-studio/core/failures/categorize';
import { getCronJobByExternalId, listCronRuns, type CronRunRow, type Db } from '@agent-studio/database';
import { describeDriver } from '@agent-studio/database/testing';
import type { Bridge } from '../src/bridge';
import type { GatewayClient } from '../src/gateway/client';
import { startOperator } from './kit/operator';
import { LabWatch } from './lab/bridge-on-lab';
import { LAB_PROVIDERS, startLab, type Lab } from './lab/gateway';
import { CONTENT_POLICY_REFUSAL, providerError, type MockReply } from './lab/mock-model';

interface Case {
  what: string;
  reply: MockReply;
  /** A short job timeout for the failures OpenClaw retries until the run's time runs out. */
  timeoutSeconds?: number;
  category: FailureCategory;
  advice: RegExp;
}

const ROUNDS: Case[][] = [
  [
    {
      what: '429 rate limit',
      reply: providerError(
        429,
        'Rate limit reached for mock-1 in organization org-lab on requests per day (RPD): Limit 200, Used 200, Requested 1.',
        'requests',
        'rate_limit_exceeded',
      ),
      category: 'rate_limit',
      advice: /Spread the schedules.*agents\.defaults\.model\.fallbacks/,
    },
    {
      what: '401 wrong key',
      reply: providerError(
        401,
        'Incorrect API key provided: sk-lab-****1234.',
        'invalid_request_error',
        'invalid_api_key',
      ),
      category: 'auth',
      advice: /provider mock-b refused the API key.*openclaw configure/,
    },
    {
      what: '400 context length',
      reply: providerError(
        400,
        "This model's maximum context length is 8192 tokens. However, your messages resulted in 9120 tokens.",
        'invalid_request_error',
        'context_length_exceeded',
      ),
      category: 'context_overflow',
      advice: /\/new.*agents\.defaults\.compaction/,
    },
    {
      what: '500 server error, retried until the run’s time ran out',
      reply: providerError(
        500,
        'The server had an error while processing your request. Sorry about that!',
        'server_error',
      ),
      timeoutSeconds: 10,
      category: 'provider_timeout',
      advice: /`mock-1` never finished.*only waits longer/,
    },
  ],
  [
    {
      what: '404 unknown model',
      reply: providerError(
        404,
        'The model `mock-1` does not exist or you do not have access to it.',
        'invalid_request_error',
        'model_not_found',
      ),
      category: 'unknown_model',
      advice: /`mock-1`.*agents\.defaults\.model/,
    },
    {
      what: 'a model that never answers',
      reply: { hang: true },
      timeoutSeconds: 5,
      category: 'provider_timeout',
      advice: /only waits longer/,
    },
    {
      what: '429 out of credits',
      reply: providerError(
        429,
        'You exceeded your current quota, please check your plan and billing details.',
        'insufficient_quota',
        'insufficient_quota',
      ),
      category: 'billing',
      advice: /provider mock-c refused for billing.*Top it up/,
    },
    {
      what: '400 content policy',
      reply: CONTENT_POLICY_REFUSAL,
      category: 'request_rejected',
      advice: /\/new/,
    },
  ],
];

/** One gateway, the bridge on `db`, each case's job forced at once on a provider of its own; the runs as mirrored. */
async function runRound(db: Db, cases: Case[]): Promise<{ c: Case; run: CronRunRow }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'studio-lab-failures-'));
  let lab: Lab | null = null;
  let op: GatewayClient | null = null;
  let bridge: Bridge | null = null;
  const watch = new LabWatch(() => lab);
  const until = watch.until;
  try {
    lab = await startLab();
    bridge = await watch.startBridge(db, lab, dir, 'lab-failures');
    op = startOperator(lab, join(dir, 'operator'), '0.0.0-lab');
    const client = op;
    await until('the test operator to connect', async () => client.connected);
    const jobs = await Promise.all(
      cases.map(async (c, k) => {
        const marker = `LAB-FAIL-${randomUUID().slice(0, 8)}`;
        lab!.mock.script({ when: marker, reply: c.reply, times: Infinity });
        const added = await client.request<{ id: string }>('cron.add', {
          name: `fails: ${c.what}`,
          schedule: { kind: 'every', everyMs: 3_600_000 }, // never due during the test: runs are forced
          sessionTarget: 'isolated',
          wakeMode: 'now',
          payload: {
            kind: 'agentTurn',
            message: `Do the work ${marker}`,
            timeoutSeconds: c.timeoutSeconds ?? 60,
            model: `${LAB_PROVIDERS[k]}/mock-1`,
          },
          delivery: { mode: 'none' },
        });
        return {
          c,
          job: await until(`job ${c.what} mirrored`, () => getCronJobByExternalId(db, 'openclaw', added.id)),
          ocId: added.id,
        };
      }),
    );
    return await Promise.all(
      jobs.map(async ({ c, job, ocId }) => {
        // runs forced just after the gateway started can meet its own start-up ('retry after the agent store is
        // ready', a gateway failure): such a run is forced again, the model's failure is what is checked here
        for (let attempt = 1; ; attempt++) {
          const before = (await listCronRuns(db, { jobId: job.id, limit: 50 })).rows.length;
          await client.request('cron.run', { id: ocId, mode: 'force' });
          const run = await until(`the run of “${c.what}” to end`, async () => {
            const rows = (await listCronRuns(db, { jobId: job.id, limit: 50 })).rows;
            return rows.length > before && rows[0]!.status !== 'running' && rows[0];
          });
          if (describeRunFailure(run)?.category !== 'gateway' || attempt === 3) return { c, run };
        }
      }),
    );
  } finally {
    await bridge?.stop().catch(() => {});
    await op?.stop().catch(() => {});
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

describeDriver('pglite', 'failures of a real OpenClaw gateway, as the studio explains them', (get) => {
  for (const [i, cases] of ROUNDS.entries()) {
    test(`round ${i + 1}: ${cases.map((c) => c.what).join(', ')}`, async () => {
      for (const { c, run } of await runRound(get().db, cases)) {
        assert.ok(run.status === 'failed' || run.status === 'timeout', `${c.what}: ${run.status} ${run.error}`);
        const failure = describeRunFailure(run, null);
        assert.equal(failure?.category, c.category, `${c.what}: OpenClaw said “${run.error}”`);
        assert.match(failure!.advice, c.advice, `${c.what}: ${failure!.advice}`);
      }
    });
  }
});
