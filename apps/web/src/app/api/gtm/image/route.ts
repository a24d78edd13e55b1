import { gtmImageQuery } from '@agent-studio/core/api';
import { ownerSession } from '@/server/actor';
import { parseQuery, route } from '@/server/http';
import { fetchRemoteImage, imageResponse } from '@/server/remote-image';

export const dynamic = 'force-dynamic';

/** The owner clicked "Load image" on an item: the page's CSP loads images from the studio only, so it comes through here. */
export const GET = route(async (request: Request) => {
  // a token is a script's: it has no page that shows images, and the proxy must not be a fetcher for scripts
  await ownerSession(request);
  const { url } = parseQuery(gtmImageQuery, request.url);
  return imageResponse(await fetchRemoteImage(url));
});
