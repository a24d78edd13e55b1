import { route } from '@/server/http';
import { getHealth } from '@/server/health';

export const dynamic = 'force-dynamic';

/** Seed §3 `/api/health`. */
export const GET = route(async () => Response.json(await getHealth()));
