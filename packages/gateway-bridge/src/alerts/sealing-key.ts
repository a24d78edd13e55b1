// The bridge's key pair for channel secrets: created once in its data folder (mode 0600, beside the gateway
// device key); its public half is published in the database, where the web app finds what to seal to.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { newSealingKeyPair, sealingKeyId, type SealingKeyPair } from '@agent-studio/core/sealed-secret';
import { publishAlertSealingKey, type Db } from '@agent-studio/database';

const stored = z.object({ publicKey: z.string(), privateKeyPem: z.string() });

export function loadOrCreateSealingKey(dir: string): SealingKeyPair {
  const file = join(dir, 'alert-sealing-key.json');
  if (existsSync(file)) {
    const parsed = stored.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
    throw new Error(
      `${file} is not a valid key pair; remove it to create a new one (channel secrets must then be entered again).`,
    );
  }
  const keys = newSealingKeyPair();
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

export const publishSealingKey = (db: Db, keys: SealingKeyPair) =>
  publishAlertSealingKey(db, { publicKey: keys.publicKey, keyId: sealingKeyId(keys.publicKey) });
