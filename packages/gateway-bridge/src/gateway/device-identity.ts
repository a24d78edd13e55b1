// The studio's Ed25519 device identity, kept in its data folder so the gateway sees one stable device.
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const stored = z.object({ deviceId: z.string(), publicKeyRawB64Url: z.string(), privateKeyPem: z.string() });
export type DeviceIdentity = z.infer<typeof stored>;

export function loadOrCreateDevice(dir: string): DeviceIdentity {
  const file = join(dir, 'gateway-device.json');
  if (existsSync(file)) {
    const parsed = stored.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
    throw new Error(
      `${file} is not a valid device identity; remove it to create a new one (the gateway will pair it again).`,
    );
  }
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32); // the raw key ends the SPKI DER
  const device: DeviceIdentity = {
    deviceId: createHash('sha256').update(raw).digest('hex'),
    publicKeyRawB64Url: raw.toString('base64url'),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(device, null, 2), { mode: 0o600 });
  return device;
}

export interface ProofInput {
  clientId: string;
  clientMode: string;
  role: string;
  scopes: readonly string[];
  token: string;
  nonce: string;
  signedAtMs: number;
  platform: string;
  deviceFamily?: string;
}

/** The v3 device proof: signs `v3|deviceId|clientId|clientMode|role|scopes|signedAtMs|token|nonce|platform|deviceFamily`. */
export function deviceProof(device: DeviceIdentity, p: ProofInput) {
  const norm = (v?: string) => (v ?? '').trim().toLowerCase();
  const payload = [
    'v3',
    device.deviceId,
    p.clientId,
    p.clientMode,
    p.role,
    p.scopes.join(','),
    String(p.signedAtMs),
    p.token,
    p.nonce,
    norm(p.platform),
    norm(p.deviceFamily),
  ].join('|');
  return {
    id: device.deviceId,
    publicKey: device.publicKeyRawB64Url,
    signature: sign(null, Buffer.from(payload, 'utf8'), device.privateKeyPem).toString('base64url'),
    signedAt: p.signedAtMs,
    nonce: p.nonce,
  };
}
