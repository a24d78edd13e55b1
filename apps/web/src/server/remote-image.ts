import 'server-only';
// An image an agent's markdown points at, fetched for the owner who asked to see it (the page's CSP lets it load
// images from the studio only). The studio must not become a way into the network it sits in: only public
// addresses are reached, checked on the address actually connected to (a name that resolves to 127.0.0.1, or
// re-resolves there between a check and the connection, is refused), and every redirect is checked again.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { LookupFunction } from 'node:net';
import { hostAddressOf, isPrivateAddress } from '@agent-studio/core/private-address';
import { HttpError } from './http';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 3;
const TIMEOUT_MS = 10_000;

/** Raster formats by their first bytes. SVG is not among them: opened on its own it is a document that runs script. */
const FORMATS: { type: string; matches: (b: Buffer) => boolean }[] = [
  {
    type: 'image/png',
    matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: 'image/jpeg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', matches: (b) => /^GIF8[79]a/.test(b.toString('latin1', 0, 6)) },
  {
    type: 'image/webp',
    matches: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  },
  { type: 'image/avif', matches: (b) => b.toString('latin1', 4, 12) === 'ftypavif' },
];

export interface RemoteImage {
  type: string;
  bytes: Buffer;
}

export interface FetchImageOptions {
  /** Which resolved addresses may be connected to; tests widen it to reach their loopback server. */
  allowAddress?: (address: string) => boolean;
}

const refused = () =>
  new HttpError(
    403,
    'address_not_allowed',
    'Images are loaded from public addresses only, not from this machine or its network.',
  );
// one answer for every failure past the address check, so the proxy does not tell a closed port from a web server
const unavailable = () =>
  new HttpError(
    502,
    'image_unavailable',
    'The image could not be loaded (unreachable, too large, or not a PNG, JPEG, GIF, WebP or AVIF image).',
  );

function checkedLookup(allow: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      if (addresses.length === 0 || addresses.some((a) => !allow(a.address)))
        return callback(Object.assign(refused(), { errno: 0 }) as NodeJS.ErrnoException, '', 0);
      // net asks for every address when it races IPv4 and IPv6 (autoSelectFamily), else for one
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function request(url: URL, lookup: LookupFunction, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const get = url.protocol === 'https:' ? httpsGet : httpGet;
    // agent: false: no pooled connection, whose address was checked for another request, is ever reused
    get(
      url,
      { agent: false, lookup, signal, headers: { accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif' } },
      resolve,
    ).on('error', reject);
  });
}

async function readBounded(res: IncomingMessage): Promise<Buffer> {
  if (Number(res.headers['content-length'] ?? 0) > MAX_IMAGE_BYTES) throw unavailable();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_IMAGE_BYTES) throw unavailable();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** GETs an http(s) image from a public address: at most 5 MB, 10 s and 3 redirects; a raster image or an HttpError. */
export async function fetchRemoteImage(
  address: string,
  { allowAddress = (a) => !isPrivateAddress(a) }: FetchImageOptions = {},
): Promise<RemoteImage> {
  const lookup = checkedLookup(allowAddress);
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  let url = new URL(address);
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw unavailable();
    // an address in the URL is connected to without a lookup, so it is checked here
    const literal = hostAddressOf(url);
    if (literal !== null && !allowAddress(literal)) throw refused();
    let res: IncomingMessage;
    try {
      res = await request(url, lookup, signal);
    } catch (err) {
      throw err instanceof HttpError ? err : unavailable();
    }
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location && hop < MAX_REDIRECTS) {
      res.resume();
      url = new URL(res.headers.location, url);
      continue;
    }
    if (status !== 200) {
      res.resume();
      throw unavailable();
    }
    try {
      const bytes = await readBounded(res);
      const format = FORMATS.find((f) => f.matches(bytes));
      if (!format) throw unavailable();
      return { type: format.type, bytes };
    } catch (err) {
      res.destroy();
      throw err instanceof HttpError ? err : unavailable();
    }
  }
}

/** The proxy's answer: the bytes with the type they were recognised as, never cached, never run as a document. */
export function imageResponse(image: RemoteImage): Response {
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      'content-type': image.type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    },
  });
}
