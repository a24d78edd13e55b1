import 'server-only';
import { z } from 'zod';
import { DEFAULT_GATEWAY_ID, findGateway, type GatewayRow, type Queryable } from '@agent-studio/database';
import { getDb } from '../db';
import { invalidField, notFound } from './errors';

const uuid = z.string().uuid();

/** The row a mutation acts on, or `not_found` named by `what` (an id that is no uuid names no row). */
export async function existing<T>(
  what: string,
  id: string,
  get: (db: Queryable, id: string) => Promise<T | null>,
): Promise<T> {
  const row = uuid.safeParse(id).success ? await get(await getDb(), id) : null;
  if (!row) throw notFound(what);
  return row;
}

/**
 * The gateway an action with no row of its own goes to (a new job, a swarm): the one the request names (by
 * name or id), else the default gateway. An action on a row goes to the row's gateway, never to one named here.
 */
export async function requestedGateway(ref: string | undefined): Promise<string> {
  return (await filteredGateway(ref)) ?? DEFAULT_GATEWAY_ID;
}

/** A list's `?gateway=` (name or id) as the gateway's id; none named: undefined (every gateway's rows). */
export async function filteredGateway(ref: string | undefined): Promise<string | undefined> {
  return (await namedGateway(ref))?.id;
}

/** The gateway a request names (by name or id), or undefined when it names none; an unknown one is refused. */
export async function namedGateway(ref: string | undefined): Promise<GatewayRow | undefined> {
  if (ref === undefined) return undefined;
  const gateway = await findGateway(await getDb(), ref);
  if (!gateway) throw invalidField('gateway', `there is no gateway "${ref}"`);
  return gateway;
}
