// An entry of STUDIO_TRUSTED_PROXIES: an IP address or a CIDR range. Checked with node:net alone, because the
// CLI's environment is parsed by `agent-studio exec` too, which cron starts every minute and must stay light.
import { isIP } from 'node:net';

export function isAddressOrRange(entry: string): boolean {
  const [address = '', bits, extra] = entry.split('/');
  const version = isIP(address);
  if (!version || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}
