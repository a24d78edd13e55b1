import type { z } from 'zod';

/**
 * What a mutation refuses, by code. The mutations know nothing of HTTP: `server/http.ts` is the one adapter
 * that turns a code into a status (a server action words it for its form).
 */
export type DomainErrorCode =
  | 'invalid_request'
  | 'not_found'
  | 'job_removed'
  | 'not_openclaw'
  | 'not_running'
  | 'not_published'
  | 'invalid_transition'
  | 'revision_conflict'
  | 'command_failed';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
    /** More fields for the answer (e.g. the current version on a conflict, the command that failed). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);

const MAX_ISSUES = 10; // a list of 100,000 bad items is not answered with 100,000 messages

type Issue = { field: string; message: string };

function invalid(where: string, found: readonly Issue[]): DomainError {
  const issues = found.slice(0, MAX_ISSUES);
  const summary =
    issues
      .slice(0, 3)
      .map((i) => `${i.field}: ${i.message}`)
      .join('; ') + (found.length > 3 ? ` (and ${found.length - 3} more)` : '');
  return new DomainError('invalid_request', `Invalid ${where}: ${summary}`, { issues });
}

/** One field of the input refused by a check beyond its schema (e.g. a schedule that never runs). */
export const invalidField = (field: string, message: string) => invalid('body', [{ field, message }]);

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

/** Checks `value` against its schema; `where` names it in the message ('body', 'query'). */
export function validate<S extends z.ZodType>(where: string, schema: S, value: unknown): z.infer<S> {
  const nul = fieldWithNul(value);
  if (nul)
    throw invalid(where, [{ field: nul.join('.') || where, message: 'must not contain a NUL character (\\u0000)' }]);
  const r = schema.safeParse(value);
  if (!r.success)
    throw invalid(
      where,
      r.error.issues.map((i) => ({ field: i.path.join('.') || where, message: i.message })),
    );
  return r.data;
}
