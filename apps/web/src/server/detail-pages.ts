import 'server-only';
import { getAgentSession, getCronJob, getCronRun, getGtmOutput, getWebhook, type Db } from '@agent-studio/database';
import { idParams } from '@agent-studio/core/api';

type Lookup = (db: Db, id: string) => Promise<unknown>;

// The pages that show one row by its id. The proxy asks here before a page is streamed: once the loading
// screen has gone out the status is 200 whatever the page finds (vercel/next.js#76474), so an unknown id is
// answered 404 before that.
const DETAIL_PAGES: [RegExp, Lookup][] = [
  [/^\/agents\/([^/]+)$/, getAgentSession],
  [/^\/cron\/runs\/([^/]+)$/, getCronRun],
  [/^\/cron\/(?!runs$)([^/]+)$/, getCronJob],
  [/^\/content\/(?!calendar$)([^/]+)$/, getGtmOutput],
  [/^\/settings\/webhooks\/([^/]+)$/, getWebhook],
];

/** Whether `pathname` is a detail page whose id names no row (false for every other path). */
export async function detailMissing(db: Db, pathname: string): Promise<boolean> {
  for (const [pattern, get] of DETAIL_PAGES) {
    const m = pattern.exec(pathname);
    if (!m) continue;
    const id = idParams.safeParse({ id: m[1] });
    return !id.success || (await get(db, id.data.id)) == null;
  }
  return false;
}
