// DNS rebinding: a page on attacker.example whose name is then pointed at the studio's address talks to the
// studio as if it were its own origin, but its requests still say `Host: attacker.example`. The studio answers
// only the names the owner reaches it by. An IP address cannot be rebound, so a Host that is one is harmless.
import { isIPv6 } from 'node:net';
import { z } from 'zod';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const WILDCARD = new Set(['0.0.0.0', '[::]']);
const IPV4 = /^\d+\.\d+\.\d+\.\d+$/; // what the URL parser turns every IPv4 spelling into

/**
 * The host of a Host header or a configured name as the URL parser spells it (lower case, IPv4 dotted, IPv6 in
 * brackets), without the port; null when it is not a host alone (a scheme, path, user or query came with it).
 */
export function hostnameOf(value: string): string | null {
  try {
    const url = new URL(`http://${isIPv6(value) ? `[${value}]` : value}/`);
    return url.pathname === '/' && !url.username && !url.password && !url.search && !url.hash ? url.hostname : null;
  } catch {
    return null;
  }
}

/** `STUDIO_ALLOWED_HOSTS`: names (or addresses) separated by commas, ports ignored. */
export const allowedHostsList = z.string().transform((list, ctx) =>
  list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .flatMap((entry) => {
      const name = hostnameOf(entry);
      if (name) return [name];
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}" is not a host name or address: write it as in the address bar, without http:// or a path`,
      });
      return [];
    }),
);

/**
 * Which Host headers a studio bound to `bindHost` answers: that name; the loopback names when it is bound to a
 * loopback address; when bound to every address (0.0.0.0, ::), the loopback names and any IP address; and the
 * names listed. Any other name must be listed.
 */
export function hostMatcher(bindHost: string, listed: readonly string[]): (host: string | null) => boolean {
  const bind = hostnameOf(bindHost);
  const wildcard = bind !== null && WILDCARD.has(bind);
  const loopback = wildcard || (bind !== null && (LOOPBACK.has(bind) || bind.startsWith('127.')));
  return (host) => {
    const name = host === null ? null : hostnameOf(host);
    if (name === null) return false;
    if (name === bind || listed.includes(name)) return true;
    if (loopback && LOOPBACK.has(name)) return true;
    return wildcard && (IPV4.test(name) || name.startsWith('['));
  };
}
