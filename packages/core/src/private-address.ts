// Webhook targets (issue 13, finding 11): a studio that POSTs wherever it is told can be made to probe the
// network it sits in (loopback services, the LAN, a cloud's metadata endpoint at 169.254.169.254). Only
// public unicast addresses are reachable unless the owner allows private ones on a webhook. Used by the API
// (URLs with an address in them, at creation) and by the bridge (every resolved address, at delivery).
// Browser-safe: the settings form's schema imports it through core/api.
import ipaddr from 'ipaddr.js';

/**
 * True for any address but a public unicast one: loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7),
 * link-local (169.254/16 with the metadata endpoint, fe80::/10), unspecified (0.0.0.0, ::), carrier-grade NAT,
 * multicast, reserved and documentation ranges, and IPv6 forms that carry an IPv4 address (::ffff:127.0.0.1,
 * NAT64, 6to4, Teredo). Not an IP address at all: false.
 */
export function isPrivateAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // process() turns an IPv4-mapped IPv6 address into the IPv4 address it carries
  return ipaddr.process(address).range() !== 'unicast';
}

/** The host of a URL as an address when it is one: WHATWG parsing already spelled 0x7f.1 or 2130706433 as 127.0.0.1. */
export function hostAddressOf(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return ipaddr.isValid(host) ? host : null;
}

export const PRIVATE_TARGET_MESSAGE =
  'points at a private, loopback or link-local address; allow private network addresses on this webhook to send there';
