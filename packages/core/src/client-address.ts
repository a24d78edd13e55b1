// Which address a request came from, for the sign-in limit (issue 13, finding 3). Only the studio's own HTTP
// server (packages/cli web-server.ts, under `agent-studio studio` and `agent-studio web`) sees the socket: it
// hands the address to the app in a header, with a key only this process knows, so a value a client sends in
// that header is never believed. Plain `next start` cannot tell either: it passes a client's own
// X-Forwarded-For on untouched and fills it from the socket only when the client sent none. Server-side only.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';

const ADDRESS_HEADER = 'x-studio-remote-addr';
const KEY_HEADER = 'x-studio-remote-addr-key';
// on globalThis: Next bundles its own copy of this module, and both copies must see the one key
const KEY = Symbol.for('agent-studio.remote-addr-key');
const store = globalThis as { [KEY]?: string };

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

function parseRange(entry: string): Range | null {
  if (ipaddr.isValidCIDR(entry)) return ipaddr.parseCIDR(entry);
  if (!ipaddr.isValid(entry)) return null;
  const address = ipaddr.process(entry);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

/** The test "is this a proxy whose X-Forwarded-For we believe", from addresses and CIDR ranges. */
export function trustedProxies(entries: readonly string[]): (address: string) => boolean {
  const ranges = entries.map((e) => parseRange(e)).filter((r) => r !== null);
  return (address) => {
    if (!ipaddr.isValid(address)) return false;
    // process() turns an IPv4-mapped IPv6 address (a dual-stack socket's ::ffff:10.0.0.1) into the IPv4 one
    const ip = ipaddr.process(address);
    return ranges.some(([base, bits]) => ip.kind() === base.kind() && ip.match(base, bits));
  };
}

/**
 * For the studio's server, before the app sees a request: the socket's address, or, when the socket is a
 * trusted proxy, the last address in X-Forwarded-For that is not one (each proxy appends whom it heard from,
 * so what lies left of that was written by the client). Whatever the client sent in the internal headers is
 * replaced.
 */
export function vouchForClient(req: IncomingMessage, trusted: (address: string) => boolean): void {
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const hops = [req.socket.remoteAddress ?? 'unknown', ...forwarded.reverse()];
  const client = hops.find((hop) => !trusted(hop)) ?? hops.at(-1)!;
  req.headers[ADDRESS_HEADER] = ipaddr.isValid(client) ? ipaddr.process(client).toString() : client;
  req.headers[KEY_HEADER] = store[KEY] ??= randomBytes(32).toString('base64url');
}

/** The address the studio's server vouched for, or null when none did (another server, or a forged header). */
export function vouchedClientAddress(headers: Headers): string | null {
  const key = store[KEY];
  const sent = headers.get(KEY_HEADER);
  if (!key || !sent || sent.length !== key.length || !timingSafeEqual(Buffer.from(sent), Buffer.from(key))) return null;
  return headers.get(ADDRESS_HEADER);
}

/**
 * What failed sign-ins are counted by: the address, or for IPv6 its /64, one subscriber's network, whose
 * 2^64 addresses one attacker could otherwise take turns with.
 */
export function attemptBucket(address: string): string {
  if (!ipaddr.IPv6.isValid(address)) return address;
  const ip = ipaddr.process(address);
  if (ip.kind() === 'ipv4') return ip.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${ip.toString()}/64`).toString()}/64`;
}
