import { route } from '@/server/http';
import { loadInbox } from '@/server/inbox';

export const dynamic = 'force-dynamic';

export const GET = route(async () => Response.json(await loadInbox()));
