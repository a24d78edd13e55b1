import { hashToken, newToken } from '@agent-studio/core/secrets';
import { createSetupToken, getOwner, type Db } from '@agent-studio/database';
import type { Logger } from './log';

const VALID_MS = 15 * 60_000;

/** On a studio without an owner password, prints a one-time link (15 minutes) to set it. */
export async function announceSetupLink(db: Db, baseUrl: string, log: Logger): Promise<string | null> {
  const owner = await getOwner(db);
  if (owner.password_hash) return null;
  const token = newToken();
  await createSetupToken(db, hashToken(token), new Date(Date.now() + VALID_MS));
  const link = `${baseUrl}/setup?token=${token}`;
  log.info(`No owner password yet. Set it within 15 minutes at: ${link}`);
  return link;
}
