// The typed client the pages' interactive parts use: names, parameters, bodies and answers all come from the
// API's one description (packages/core/src/api/routes.ts), so a change there is a type error here. Only the
// method/path table is loaded at run time: the schemas stay on the server.
import type { z } from 'zod';
import { apiEndpoints } from '@agent-studio/core/api/endpoints';
import type { ApiRoutes, RouteName } from '@agent-studio/core/api/routes';

type Route<N extends RouteName> = ApiRoutes[N];
type Input<N extends RouteName, K extends 'params' | 'query' | 'body'> =
  Route<N> extends Record<K, infer S extends z.ZodType> ? z.input<S> : never;
type Success<N extends RouteName> = {
  [C in keyof Route<N>['responses']]: C extends 200 | 201 | 202
    ? Route<N>['responses'][C] extends z.ZodType
      ? z.output<Route<N>['responses'][C]>
      : never
    : never;
}[keyof Route<N>['responses']];

type Options<N extends RouteName> = ([Input<N, 'params'>] extends [never]
  ? { params?: never }
  : { params: Input<N, 'params'> }) &
  ([Input<N, 'query'>] extends [never] ? { query?: never } : { query?: Input<N, 'query'> }) &
  ([Input<N, 'body'>] extends [never] ? { body?: never } : { body?: Input<N, 'body'> });

/** A refused request, with the server's words (and the field-level issues of a 400). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export async function api<N extends RouteName>(name: N, options: Options<N> = {} as Options<N>): Promise<Success<N>> {
  const route = apiEndpoints[name];
  const { params, query, body } = options as {
    params?: Record<string, string>;
    query?: Record<string, unknown>;
    body?: unknown;
  };
  let path: string = route.path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params?.[k] ?? ''));
  const qs = new URLSearchParams(
    Object.entries(query ?? {}).flatMap(([k, v]) => (v === undefined || v === null ? [] : [[k, String(v)]])),
  );
  if (qs.size) path += `?${qs}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: route.method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The studio did not answer: check that it is still running.', null);
  }
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `The studio answered ${response.status}.`,
      json,
    );
  }
  return json as Success<N>;
}

/**
 * A queued action followed to its end: a busy bridge answers after the request did (202), and a page that goes
 * where the action leads (a retry's new run) still gets there. Its state is read every second; the bridge claims
 * it or fails it within STUDIO_COMMAND_CLAIM_MS, and the wait ends after `limitMs` whatever it is.
 */
export async function settledCommand(commandId: string, limitMs = 120_000) {
  const giveUpAt = Date.now() + limitMs;
  for (;;) {
    const { command } = await api('getCommand', { params: { id: commandId } });
    if (command.status === 'succeeded' || command.status === 'failed' || Date.now() >= giveUpAt) return command;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
