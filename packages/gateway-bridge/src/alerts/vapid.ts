// The bridge's VAPID key pair for Web Push: created once in its data folder (mode 0600); its public half is
// published, so a studio page can subscribe its browser to the bridge's pushes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webpush from 'web-push';
import { z } from 'zod';

const stored = z.object({ publicKey: z.string(), privateKey: z.string() });
export type VapidKeys = z.infer<typeof stored>;

export function loadOrCreateVapidKeys(dir: string): VapidKeys {
  const file = join(dir, 'alert-vapid.json');
  if (existsSync(file)) {
    const parsed = stored.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
    throw new Error(`${file} is not a valid VAPID key pair; remove it to create a new one (browsers subscribe again).`);
  }
  const keys = webpush.generateVAPIDKeys();
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
