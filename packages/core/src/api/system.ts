import { z } from 'zod';
import { dateTimeInput, gatewayFilter, isoDate, rowGateway } from './common';

export const healthResponse = z.object({
  gateway: z.enum(['connected', 'disconnected']),
  gatewayDetail: z.object({
    since: isoDate.nullable(),
    version: z.string().nullable(),
    error: z.string().nullable(),
    /** What OpenClaw's system-presence lists: the gateway itself and the clients and nodes connected to it. */
    presence: z.array(
      z.object({
        host: z.string().nullable(),
        mode: z.string().nullable(),
        version: z.string().nullable(),
        platform: z.string().nullable(),
        lastSeen: isoDate.nullable(),
      }),
    ),
  }),
  cronHealth: z.object({
    last24hSuccessRate: z.number().nullable(),
    runs24h: z.number(),
    failedJobs: z.array(z.string()),
  }),
  diskUsage: z.object({ gtmDir: z.number().nullable(), workspaceDir: z.number().nullable() }),
  activeAgents: z.number(),
});

const BUCKETS = { '1m': 60, '5m': 300, '15m': 900, '1h': 3600, '1d': 86_400 } as const;

export const metricsQuery = z
  .object({
    name: z.string().max(100).optional().describe('one metric; all of them when absent'),
    from: dateTimeInput.optional(),
    to: dateTimeInput.optional(),
    bucket: z.enum(Object.keys(BUCKETS) as [keyof typeof BUCKETS, ...(keyof typeof BUCKETS)[]]).default('5m'),
    gateway: gatewayFilter.describe(
      "this gateway's samples where a metric is sampled per gateway (the studio's for the others, as its disks); the studio's (every gateway's figures) when left out",
    ),
  })
  .transform((q) => {
    const to = q.to ?? new Date();
    return { ...q, to, from: q.from ?? new Date(to.getTime() - 86_400_000), bucketSeconds: BUCKETS[q.bucket] };
  })
  .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['from'] })
  .refine((q) => (q.to.getTime() - q.from.getTime()) / 1000 / q.bucketSeconds <= 5000, {
    message: 'too many buckets: widen the bucket or narrow the range',
    path: ['bucket'],
  });

export const metricsResponse = z.object({
  from: isoDate,
  to: isoDate,
  bucket: z.string(),
  series: z.array(
    z.object({
      name: z.string(),
      unit: z.string().nullable(),
      gateway: rowGateway
        .nullable()
        .describe("whose samples: the gateway's, or null: the studio's (every gateway's figure, or its host's disks)"),
      points: z.array(z.object({ t: isoDate, avg: z.number(), min: z.number(), max: z.number() })),
    }),
  ),
});

const step = z.enum(['config', 'url', 'token', 'pairing', 'version']);
export const gatewayTestResponse = z.object({
  /** Null when no bridge answered (it is not running), with the reason in `error`. */
  diagnosis: z
    .object({
      config: z
        .object({
          path: z.string().describe('where OpenClaw’s config was looked for'),
          pathFrom: z.enum(['OPENCLAW_CONFIG_PATH', 'default']),
          found: z.boolean(),
          url: z.string().nullable(),
          urlFrom: z.enum(['OPENCLAW_GATEWAY_URL', 'gateway.port', 'default port']).nullable(),
          tokenFrom: z
            .enum(['OPENCLAW_GATEWAY_TOKEN', 'gateway.auth.token'])
            .nullable()
            .describe('where the token came from (never the token)'),
          workspaceDir: z.string().nullable(),
          problem: z.string().nullable(),
        })
        .nullable()
        .describe('null for the demo’s simulator'),
      url: z.string().nullable(),
      steps: z.array(
        z.object({
          step,
          ok: z.boolean().nullable().describe('null: not tried'),
          detail: z.string(),
          fix: z.string().optional(),
        }),
      ),
      failed: step.nullable().describe('the first step that failed'),
      version: z.string().nullable(),
      bridgeConnected: z.boolean().describe('whether the bridge’s own connection is up now'),
    })
    .nullable(),
  error: z.string().nullable(),
});
