import 'server-only';
import { bodyLimit, bodyTooLargeMessage } from '@agent-studio/core/body-limits';
import type { z } from 'zod';
import { InvalidCursorError } from '@agent-studio/database';

/** Errors carry a code; this adapter is the one place that turns them into HTTP answers (STYLE.md §5). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** More fields for the error body (e.g. the current version on a conflict). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** What Next passes a dynamic route handler. */
export interface RouteContext {
  params: Promise<Record<string, string | string[]>>;
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);

export function errorResponse(err: unknown): Response {
  if (err instanceof InvalidCursorError)
    err = new HttpError(400, 'invalid_request', err.message, { issues: [{ field: 'cursor', message: err.message }] });
  if (err instanceof HttpError) {
    return Response.json(
      {
        error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}), ...err.extra },
      },
      { status: err.status },
    );
  }
  console.error(err);
  return Response.json(
    { error: { code: 'internal', message: 'Something went wrong on the server; it has been logged.' } },
    { status: 500 },
  );
}

const MAX_ISSUES = 10; // a list of 100,000 bad items is not answered with 100,000 messages

function invalid(where: string, found: readonly { field: string; message: string }[]): HttpError {
  const issues = found.slice(0, MAX_ISSUES);
  const summary =
    issues
      .slice(0, 3)
      .map((i) => `${i.field}: ${i.message}`)
      .join('; ') + (found.length > 3 ? ` (and ${found.length - 3} more)` : '');
  return new HttpError(400, 'invalid_request', `Invalid ${where}: ${summary}`, { issues });
}

const zodIssues = (where: string, error: z.ZodError) =>
  error.issues.map((i) => ({ field: i.path.join('.') || where, message: i.message }));

/** The first field whose text (or key) holds a NUL character: Postgres stores none, so it is refused here by name. */
function fieldWithNul(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const found = k.includes('\u0000') ? [...path, k] : fieldWithNul(v, [...path, k]);
    if (found) return found;
  }
  return null;
}

function parse<S extends z.ZodType>(where: string, schema: S, value: unknown): z.infer<S> {
  const nul = fieldWithNul(value);
  if (nul)
    throw invalid(where, [{ field: nul.join('.') || where, message: 'must not contain a NUL character (\\u0000)' }]);
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(where, zodIssues(where, r.error));
  return r.data;
}

export function parseQuery<S extends z.ZodType>(schema: S, url: string | URL): z.infer<S> {
  const params = new URL(url).searchParams;
  const raw: Record<string, string> = {};
  params.forEach((v, k) => (raw[k] = v));
  return parse('query', schema, raw);
}

export const bodyTooLarge = (limit: number) => new HttpError(413, 'body_too_large', bodyTooLargeMessage(limit));

/** The body as text, given up (and the stream cancelled) as soon as it grows past the route's limit. */
async function readText(request: Request): Promise<string> {
  if (!request.body) return '';
  const limit = bodyLimit(new URL(request.url).pathname);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      throw bodyTooLarge(limit);
    }
    chunks.push(read.value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

async function readJson(request: Request, optional: boolean): Promise<unknown> {
  const text = await readText(request);
  if (optional && !text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body must be valid JSON.');
  }
}

export async function parseBody<S extends z.ZodType>(schema: S, request: Request): Promise<z.infer<S>> {
  return parse('body', schema, await readJson(request, false));
}

/** A body that may be left out entirely (an empty POST) but, when sent, must be valid. */
export async function parseOptionalBody<S extends z.ZodType>(schema: S, request: Request): Promise<z.infer<S>> {
  return parse('body', schema, await readJson(request, true));
}

export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.infer<S> {
  const r = schema.safeParse(params);
  if (!r.success)
    throw new HttpError(
      404,
      'not_found',
      `No such resource: the ${r.error.issues[0]?.path.join('.') || 'id'} is not valid.`,
    );
  return r.data;
}

/** Wraps a route handler so every thrown error goes through `errorResponse`. */
export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
