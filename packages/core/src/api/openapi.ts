import { z } from 'zod';
import { apiRoutes, type ApiRoute } from './routes';

/** Query and path parameters as OpenAPI parameter objects, from an object schema. */
function parameters(schema: z.ZodType | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: s }));
}

const sse = { description: 'Server-Sent Events', content: { 'text/event-stream': { schema: { type: 'string' } } } };
const image = { description: 'The image', content: { 'image/*': { schema: { type: 'string', contentMediaType: 'image/*' } } } };

/** OpenAPI 3.1 for every route in `apiRoutes`, generated from the zod schemas the handlers use. */
export function buildOpenApi(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, r] of Object.entries(apiRoutes) as [string, ApiRoute][]) {
    const responses = Object.fromEntries(
      Object.entries(r.responses).map(([code, s]) => [
        code,
        s === 'sse' ? sse : s === 'image' ? image : { description: Number(code) < 300 ? 'OK' : 'Error', content: { 'application/json': { schema: z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' }) } } },
      ]),
    );
    (paths[r.path] ??= {})[r.method.toLowerCase()] = {
      operationId,
      summary: r.summary,
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) } } } } : {}),
      responses,
    };
  }
  return { openapi: '3.1.0', info: { title: 'Agent Studio API', version }, paths };
}
