// Collects the error texts a REAL OpenClaw gateway (the lab) records for failed cron runs when its model
// provider fails in the ways providers do (OpenAI-shaped errors from the mock model, a model that never
// answers, a provider key on cooldown), for the failure corpus (packages/core/test/failures/corpus). Run by hand:
//   STUDIO_LAB_CACHE=... node --import tsx packages/gateway-bridge/test/lab/collect-failures.ts
// Each lab provider is used once per gateway (a failure puts its key on cooldown), so cases run in groups.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FailureCategory } from '@agent-studio/core/failures/categorize';
import { GatewayClient, type GatewayEvent } from '../../src/gateway/client';
import { loadOrCreateDevice } from '../../src/gateway/device-identity';
import { LAB_PROVIDERS, startLab } from './gateway';
import { CONTENT_POLICY_REFUSAL, providerError, type MockReply } from './mock-model';

interface Case {
  category: FailureCategory;
  what: string;
  reply: MockReply;
  timeoutSeconds?: number;
  /** Run the job a second time on the same provider (its key now on cooldown) and record that error too. */
  again?: FailureCategory;
}

const CASES: Case[] = [
  {
    category: 'rate_limit',
    what: '429 requests per day',
    reply: providerError(
      429,
      'Rate limit reached for mock-1 in organization org-lab on requests per day (RPD): Limit 200, Used 200, Requested 1.',
      'requests',
      'rate_limit_exceeded',
    ),
    again: 'rate_limit',
  },
  {
    category: 'billing',
    what: '429 insufficient quota',
    reply: providerError(
      429,
      'You exceeded your current quota, please check your plan and billing details.',
      'insufficient_quota',
      'insufficient_quota',
    ),
  },
  { category: 'auth', what: '401 default', reply: providerError(401) },
  {
    category: 'auth',
    what: '401 incorrect key',
    reply: providerError(
      401,
      'Incorrect API key provided: sk-lab-****1234. You can find your API key at https://platform.openai.com/account/api-keys.',
      'invalid_request_error',
      'invalid_api_key',
    ),
    again: 'auth',
  },
  {
    category: 'auth',
    what: '403 no model access',
    reply: providerError(
      403,
      'Project `proj_lab` does not have access to model `mock-1`',
      'invalid_request_error',
      'model_not_found',
    ),
  },
  // OpenClaw retries a 5xx until the job's own timeout ends the run, in the model-call phase
  {
    category: 'provider_timeout',
    what: '500 server error',
    reply: providerError(
      500,
      'The server had an error while processing your request. Sorry about that!',
      'server_error',
    ),
  },
  {
    category: 'provider_timeout',
    what: '503 overloaded',
    reply: providerError(503, 'The engine is currently overloaded, please try again later', 'server_error'),
  },
  {
    category: 'context_overflow',
    what: '400 context length',
    reply: providerError(
      400,
      "This model's maximum context length is 8192 tokens. However, your messages resulted in 9120 tokens. Please reduce the length of the messages.",
      'invalid_request_error',
      'context_length_exceeded',
    ),
  },
  {
    category: 'unknown_model',
    what: '404 model not found',
    reply: providerError(
      404,
      'The model `mock-1` does not exist or you do not have access to it.',
      'invalid_request_error',
      'model_not_found',
    ),
  },
  {
    category: 'request_rejected',
    what: '400 content policy',
    reply: CONTENT_POLICY_REFUSAL,
  },
  { category: 'provider_timeout', what: 'model never answers', reply: { hang: true }, timeoutSeconds: 4 },
  {
    category: 'provider_timeout',
    what: '502 from the provider',
    reply: providerError(502, 'Bad gateway.', 'server_error'),
  },
];

const out: { category: FailureCategory; source: string; what: string; error: string }[] = [];

for (let i = 0; i < CASES.length; i += LAB_PROVIDERS.length) {
  const group = CASES.slice(i, i + LAB_PROVIDERS.length);
  const dir = mkdtempSync(join(tmpdir(), 'collect-failures-'));
  const lab = await startLab();
  const events: GatewayEvent[] = [];
  const op = new GatewayClient({
    url: lab.url,
    token: lab.token,
    device: loadOrCreateDevice(dir),
    clientVersion: '0.0.0-lab',
  });
  op.on('event', (e) => events.push(e));
  op.start();
  try {
    for (let t = Date.now(); !op.connected;) {
      if (Date.now() - t > 60_000) throw new Error('the operator did not connect');
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const [k, c] of group.entries()) {
      const marker = `COLLECT-${randomUUID().slice(0, 8)}`;
      lab.mock.script({ when: marker, reply: c.reply, times: Infinity });
      const job = await op.request<{ id: string }>('cron.add', {
        name: `collect ${c.what}`,
        schedule: { kind: 'every', everyMs: 3_600_000 },
        sessionTarget: 'isolated',
        wakeMode: 'now',
        payload: {
          kind: 'agentTurn',
          message: `Fail please ${marker}`,
          timeoutSeconds: c.timeoutSeconds ?? 60,
          model: `${LAB_PROVIDERS[k]}/mock-1`,
        },
        delivery: { mode: 'none' },
      });
      const runs = c.again ? [c.category, c.again] : [c.category];
      for (const [n, category] of runs.entries()) {
        const from = events.length;
        await op.request('cron.run', { id: job.id, mode: 'force' });
        let finished: Record<string, unknown> | undefined;
        for (let t = Date.now(); !finished;) {
          if (Date.now() - t > 180_000) throw new Error(`no finished event for ${c.what}`);
          finished = events
            .slice(from)
            .find(
              (e) =>
                e.event === 'cron' &&
                (e.payload as { jobId?: string; action?: string }).jobId === job.id &&
                (e.payload as { action?: string }).action === 'finished',
            )?.payload as Record<string, unknown> | undefined;
          await new Promise((r) => setTimeout(r, 100));
        }
        const error = String(finished.error ?? '');
        console.log(`${c.what}${n ? ' (again, on cooldown)' : ''}: ${finished.status} ${error}`);
        if (error)
          out.push({
            category,
            source: 'openclaw-lab',
            what: `${c.what}${n ? ', run again while the key is on cooldown' : ''}`,
            error,
          });
      }
    }
  } finally {
    await op.stop().catch(() => {});
    await lab.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// a new text goes into the corpus by hand (corpus/README.md: dev or held-out by its hash)
const file = new URL('./collected-failures.json', `file://${tmpdir()}/`);
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
console.log(`${out.length} error texts written to ${file.pathname}`);
