import { z } from 'zod';
import { WEBHOOK_TEST_EVENT, webhookEventLabels } from '../webhook-events';
import { apiRoutes, type ApiRoute } from './routes';
import { webhookBodies, webhookExamples } from './webhook-payloads';

/** Query and path parameters as OpenAPI parameter objects, from an object schema. */
function parameters(schema: z.ZodType | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, object>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

const sse = { description: 'Server-Sent Events', content: { 'text/event-stream': { schema: { type: 'string' } } } };
const image = {
  description: 'The image',
  content: { 'image/*': { schema: { type: 'string', contentMediaType: 'image/*' } } },
};

/** OpenAPI 3.1 for every route in `apiRoutes`, generated from the zod schemas the handlers use. */
export function buildOpenApi(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, r] of Object.entries(apiRoutes) as [string, ApiRoute][]) {
    const responses = Object.fromEntries(
      Object.entries(r.responses).map(([code, s]) => [
        code,
        s === 'sse'
          ? sse
          : s === 'image'
            ? image
            : {
                description: Number(code) < 300 ? 'OK' : 'Error',
                content: {
                  'application/json': { schema: z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' }) },
                },
              },
      ]),
    );
    (paths[r.path] ??= {})[r.method.toLowerCase()] = {
      operationId,
      summary: r.summary,
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) },
              },
            },
          }
        : {}),
      responses,
    };
  }
  return { openapi: '3.1.0', info: { title: 'Agent Studio API', version }, paths, webhooks: webhooksDoc() };
}

const webhookHeaders = [
  ['X-Studio-Event', 'the event type, as in the body’s `type`'],
  ['X-Studio-Delivery', 'the delivery’s id, the same on every retry: use it to ignore duplicates'],
  [
    'X-Studio-Signature',
    '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the webhook’s secret>`: check it on the raw body (verifyWebhookSignature)',
  ],
].map(([name, description]) => ({ name, in: 'header', required: true, description, schema: { type: 'string' } }));

/**
 * The POSTs the studio sends to webhook receivers (OpenAPI 3.1 `webhooks`), with an example body each. Input
 * schemas: they do not forbid other fields, which a receiver should ignore (more may be added).
 */
function webhooksDoc() {
  return Object.fromEntries(
    Object.entries(webhookBodies).map(([type, schema]) => [
      type,
      {
        post: {
          operationId: `webhook:${type}`,
          summary:
            type === WEBHOOK_TEST_EVENT ? 'Send test' : webhookEventLabels[type as keyof typeof webhookEventLabels],
          parameters: webhookHeaders,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
                example: webhookExamples[type as keyof typeof webhookExamples],
              },
            },
          },
          responses: {
            '2XX': {
              description:
                'Received. Any other answer, or none within 10 s, is retried (6 attempts in all); redirects are not followed',
            },
          },
        },
      },
    ]),
  );
}
