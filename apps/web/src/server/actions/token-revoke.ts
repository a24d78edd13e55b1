import 'server-only';
import { revokeApiToken } from '@agent-studio/database';
import { getDb } from '../db';
import { notFound } from './errors';

export async function revokeToken(tokenId: string): Promise<void> {
  if (!(await revokeApiToken(await getDb(), tokenId))) throw notFound('Active token');
}
