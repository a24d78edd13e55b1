import 'server-only';
import { bodyLimit, bodyTooLargeMessage } from '@agent-studio/core/body-limits';
import type { z } from 'zod';
import { InvalidCursorError } from '@agent-studio/database';
import { DomainError, validate, type DomainErrorCode } from './actions/errors';

/** An answer only HTTP has (a body too large, bad JSON, no sign-in); the mutations throw `DomainError`s. */
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

/** The status each domain error is answered with: a new code fails to compile until it has one. */
const STATUS: Record<DomainErrorCode, number> = {
  invalid_request: 400,
  not_found: 404,
  job_removed: 409,
  not_openclaw: 409,
  not_running: 409,
  not_published: 409,
  invalid_transition: 409,
  revision_conflict: 409,
  command_failed: 409,
};

/** The one adapter from errors to HTTP answers (STYLE.md §5). */
export function errorResponse(err: unknown): Response {
  if (err instanceof DomainError) err = new HttpError(STATUS[err.code], err.code, err.message, err.details, err.extra);
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

export function parseQuery<S extends z.ZodType>(schema: S, url: string | URL): z.infer<S> {
  const params = new URL(url).searchParams;
  const raw: Record<string, string> = {};
  params.forEach((v, k) => (raw[k] = v));
  return validate('query', schema, raw);
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
  return validate('body', schema, await readJson(request, false));
}

/** A body that may be left out entirely (an empty POST) but, when sent, must be valid. */
export async function parseOptionalBody<S extends z.ZodType>(schema: S, request: Request): Promise<z.infer<S>> {
  return validate('body', schema, await readJson(request, true));
}

/** The body as parsed JSON, for a mutation that validates it itself; `optional`: an empty body reads as `{}`. */
export const readBody = (request: Request, opts: { optional?: boolean } = {}) =>
  readJson(request, opts.optional ?? false);

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
