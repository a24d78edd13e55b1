import 'server-only';
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
  if (err instanceof InvalidCursorError) err = new HttpError(400, 'invalid_request', err.message, { issues: [{ field: 'cursor', message: err.message }] });
  if (err instanceof HttpError) {
    return Response.json({ error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}), ...err.extra } }, { status: err.status });
  }
  console.error(err);
  return Response.json({ error: { code: 'internal', message: 'Something went wrong on the server; it has been logged.' } }, { status: 500 });
}

function invalid(where: string, error: z.ZodError): HttpError {
  const issues = error.issues.map((i) => ({ field: i.path.join('.') || where, message: i.message }));
  const summary = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  return new HttpError(400, 'invalid_request', `Invalid ${where}: ${summary}`, { issues });
}

export function parseQuery<S extends z.ZodType>(schema: S, url: string | URL): z.infer<S> {
  const params = new URL(url).searchParams;
  const raw: Record<string, string> = {};
  params.forEach((v, k) => (raw[k] = v));
  const r = schema.safeParse(raw);
  if (!r.success) throw invalid('query', r.error);
  return r.data;
}

async function readJson(request: Request, optional: boolean): Promise<unknown> {
  const text = await request.text();
  if (optional && !text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body must be valid JSON.');
  }
}

function validate<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body);
  if (!r.success) throw invalid('body', r.error);
  return r.data;
}

export async function parseBody<S extends z.ZodType>(schema: S, request: Request): Promise<z.infer<S>> {
  return validate(schema, await readJson(request, false));
}

/** A body that may be left out entirely (an empty POST) but, when sent, must be valid. */
export async function parseOptionalBody<S extends z.ZodType>(schema: S, request: Request): Promise<z.infer<S>> {
  return validate(schema, await readJson(request, true));
}

export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.infer<S> {
  const r = schema.safeParse(params);
  if (!r.success) throw new HttpError(404, 'not_found', 'No such resource: the id is not valid.');
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
