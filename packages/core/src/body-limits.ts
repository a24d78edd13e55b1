// The largest request body each kind of route takes (issue 13, finding 10), enforced before anything is read:
// by the studio's own server from Content-Length (before Next, which copies up to 10 MB of a body before its
// proxy runs), by the proxy (under plain `next start`), and while reading in the web app's parseBody (a
// chunked body announces no length). Keep all below Next's own 10 MB, past which it hands the route a
// silently truncated body. Server-side only.
import type { IncomingMessage, ServerResponse } from 'node:http';

const KB = 1024;
const MB = 1024 * KB;

export function bodyLimit(pathname: string): number {
  if (pathname.startsWith('/api/auth/')) return 16 * KB; // a password, a setup token
  // a content edit: up to 2,000,000 characters of markdown (gtmPatchBody), at most 3 bytes each in UTF-8
  if (/^\/api\/gtm\/outputs\/[^/]+$/.test(pathname)) return 8 * MB;
  return MB;
}

export const bodyTooLargeMessage = (limit: number) =>
  `The request body is larger than the ${limit >= MB ? `${limit / MB} MB` : `${limit / KB} KB`} this route takes.`;

/** For the studio's server: answers 413 (and closes) when the announced body is over the route's limit. */
export function refuseOversizedBody(req: IncomingMessage, res: ServerResponse): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  const limit = bodyLimit(new URL(req.url ?? '/', 'http://studio.invalid').pathname);
  if (!(length > limit)) return false;
  const body = JSON.stringify({ error: { code: 'body_too_large', message: bodyTooLargeMessage(limit) } });
  res.writeHead(413, { 'content-type': 'application/json', 'cache-control': 'no-store', connection: 'close' });
  res.end(body);
  return true;
}
