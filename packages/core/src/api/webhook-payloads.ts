// What a webhook receiver gets: the signed JSON body of each event type, for the OpenAPI document's `webhooks`
// and for the code that builds the bodies (packages/database/src/queries/webhook-payloads.ts).
import { z } from 'zod';
import { actorSchema } from '../actor';
import { eventPayloads } from '../events';
import { failureCategory } from './failure';
import { WEBHOOK_ERROR_LIMIT, WEBHOOK_TEST_EVENT, type WebhookEventType } from '../webhook-events';
import { isoDate } from './common';

const limit = WEBHOOK_ERROR_LIMIT.toLocaleString('en');
const failure = {
  error: (what: string) =>
    z
      .string()
      .nullable()
      .describe(
        `${what}, at most ${limit} characters ('…' marks where a longer text was cut); null when nothing said why`,
      ),
  category: failureCategory,
  advice: z.string().describe('what to do about it, as the Failures page suggests it'),
  link: z.string().describe('the studio page about it, as a path from the studio’s root'),
  url: z
    .string()
    .optional()
    .describe('that page’s full address; only when the bridge knows the studio’s address (STUDIO_PUBLIC_URL)'),
};

const run = eventPayloads['cron.run.completed'].shape;
export const jobFailedData = z.object({
  jobId: run.jobId.describe('the job’s id in the studio'),
  runId: run.runId.describe('the run’s id in the studio'),
  status: z.literal('failed'),
  duration: run.duration.describe('how long the run took, in milliseconds'),
  outputFiles: run.outputFiles.describe('files the run wrote, when known'),
  jobName: z.string().nullable().describe('the job’s name; null only when the run is no longer in the studio'),
  error: failure.error('the run’s error as OpenClaw reported it (a host-cron run without one: the end of its stderr)'),
  category: failure.category,
  advice: failure.advice,
  link: failure.link.describe('the run’s page in the studio: /cron/runs/<runId>'),
  url: failure.url,
});

const session = eventPayloads['agent.session.updated'].shape;
export const agentErroredData = z.object({
  sessionId: session.sessionId.describe('the session’s id in the studio'),
  status: z.literal('error'),
  progress: session.progress.describe('its progress when it failed, 0-100'),
  agentName: z
    .string()
    .nullable()
    .describe('the agent’s name as the studio shows it; null only when the session is no longer in the studio'),
  sessionKey: z
    .string()
    .nullable()
    .describe('OpenClaw’s session key (agent:<agentId>:…); null only when the session is no longer in the studio'),
  error: failure.error(
    'why it failed, as the Failures page tells it: the error of the cron run it ran (as OpenClaw reported it), else its newest error line, else a sub-agent’s terminal summary',
  ),
  category: failure.category,
  advice: failure.advice,
  link: failure.link.describe('the session’s page in the studio: /agents/<sessionId>'),
  url: failure.url,
});

const content = z.object({
  outputId: z.string().describe('the content item’s id in the studio'),
  status: z.string().describe('its new status'),
  actor: actorSchema.optional().describe('who changed it'),
});

export const webhookTestData = z.object({
  message: z.string(),
  webhook: z.object({ id: z.string(), name: z.string() }),
});

export const webhookDataSchemas = {
  'job.failed': jobFailedData,
  'agent.errored': agentErroredData,
  'content.ready_for_review': content.extend({ status: z.literal('pending_review') }),
  'content.published': content.extend({ status: z.literal('published') }),
} as const satisfies Record<WebhookEventType, z.ZodType>;

export type WebhookData<T extends WebhookEventType> = z.infer<(typeof webhookDataSchemas)[T]>;

/** The body of a delivery: the same on every retry of it. */
export const webhookBody = <T extends z.ZodType>(type: string, data: T) =>
  z.object({
    id: z
      .string()
      .describe('the delivery’s id, the same on every retry (and in X-Studio-Delivery): use it to ignore duplicates'),
    type: z.literal(type).describe('the event type (also in X-Studio-Event)'),
    createdAt: isoDate.describe('when the delivery was queued'),
    data,
  });

const RUN = '0b6f8f3e-3c1a-4d8e-9a51-2f0c6d7e8a90';
const SESSION = '7d2c41a0-5b9e-4f3d-8c16-a4e0b9d35f27';
/** One example body per event type, as a receiver would get it with STUDIO_PUBLIC_URL=https://studio.example.com. */
export const webhookExamples: Record<
  WebhookEventType | typeof WEBHOOK_TEST_EVENT,
  { id: string; type: string; createdAt: string; data: unknown }
> = {
  'job.failed': {
    id: '5b0e2a7c-8f41-4b6e-9d3a-1c7e0f9b2d64',
    type: 'job.failed',
    createdAt: '2026-09-14T08:00:41.512Z',
    data: {
      jobId: 'c3e1f0a2-6d4b-4e8f-b1a7-90d2c5e4f318',
      runId: RUN,
      status: 'failed',
      duration: 41210,
      outputFiles: [],
      jobName: 'Morning brief',
      error: 'Rate limit exceeded (429): tokens per min limit reached for gpt-5',
      category: 'rate_limit',
      advice:
        'The provider openai is limiting requests or tokens per minute. Spread the schedules of jobs that run together, run fewer at once, or add a fallback model to `agents.defaults.model.fallbacks`; a higher usage tier raises the limit.',
      link: `/cron/runs/${RUN}`,
      url: `https://studio.example.com/cron/runs/${RUN}`,
    } satisfies WebhookData<'job.failed'>,
  },
  'agent.errored': {
    id: '9e4a1d6f-2b7c-4a0e-8f35-c61d0b7e2a94',
    type: 'agent.errored',
    createdAt: '2026-09-14T09:12:03.004Z',
    data: {
      sessionId: SESSION,
      status: 'error',
      progress: 40,
      agentName: 'researcher',
      sessionKey: 'agent:main:subagent:3f9c2e1a',
      error: 'Context window exceeded: 212043 tokens > 200000',
      category: 'context_overflow',
      advice:
        "The conversation no longer fits the model's context window. Start fresh with `/new`, turn on `agents.defaults.compaction`, keep tool output shorter, or use a larger-context model.",
      link: `/agents/${SESSION}`,
      url: `https://studio.example.com/agents/${SESSION}`,
    } satisfies WebhookData<'agent.errored'>,
  },
  'content.ready_for_review': {
    id: '1f7b3c9e-0a2d-4e6f-b8c4-5d9e2a7f1b03',
    type: 'content.ready_for_review',
    createdAt: '2026-09-14T10:30:00.000Z',
    data: {
      outputId: 'e5a9c2d7-4b1f-4a3e-9c60-8d2f7b0e1a45',
      status: 'pending_review',
    } satisfies WebhookData<'content.ready_for_review'>,
  },
  'content.published': {
    id: '3c8e0b5a-7d2f-4c1e-a946-0b7f3e9d2c58',
    type: 'content.published',
    createdAt: '2026-09-14T11:00:00.000Z',
    data: {
      outputId: 'e5a9c2d7-4b1f-4a3e-9c60-8d2f7b0e1a45',
      status: 'published',
      actor: { kind: 'owner', id: 'd81c5f2a-0e4b-4c7d-9a36-b5f1e8c20d47', name: 'Ada' },
    } satisfies WebhookData<'content.published'>,
  },
  [WEBHOOK_TEST_EVENT]: {
    id: '6a1d9f4c-3e7b-4b2a-8d05-f2c8e1a7b396',
    type: WEBHOOK_TEST_EVENT,
    createdAt: '2026-09-14T12:00:00.000Z',
    data: {
      message: 'A test delivery from Agent Studio: your endpoint is reachable and can check the signature.',
      webhook: { id: 'a4f2e8c1-9b3d-4e7a-b6c0-2d5f8e1a9c73', name: 'Slack relay' },
    } satisfies z.infer<typeof webhookTestData>,
  },
};

/** Each event type's whole body, "Send test"'s included. */
export const webhookBodies: Record<WebhookEventType | typeof WEBHOOK_TEST_EVENT, z.ZodType> = {
  'job.failed': webhookBody('job.failed', webhookDataSchemas['job.failed']),
  'content.ready_for_review': webhookBody('content.ready_for_review', webhookDataSchemas['content.ready_for_review']),
  'content.published': webhookBody('content.published', webhookDataSchemas['content.published']),
  'agent.errored': webhookBody('agent.errored', webhookDataSchemas['agent.errored']),
  [WEBHOOK_TEST_EVENT]: webhookBody(WEBHOOK_TEST_EVENT, webhookTestData),
};
