import { z } from 'zod';
import { isoDate, uuid } from './common';

export const loginBody = z.object({ password: z.string().min(1, 'enter the password').max(200) }).strict();
export const setupBody = z.object({ token: z.string().min(20).max(200), password: z.string().min(10, 'use at least 10 characters').max(200) }).strict();
export const logoutBody = z.object({ everywhere: z.boolean().default(false) }).strict();
export const okResponse = z.object({ ok: z.literal(true) });

export const apiToken = z.object({ id: uuid, name: z.string(), scopes: z.array(z.enum(['read', 'control'])), createdAt: isoDate, lastUsedAt: isoDate.nullable(), revokedAt: isoDate.nullable() });
export const tokensResponse = z.object({ tokens: z.array(apiToken) });
export const createTokenBody = z.object({ name: z.string().trim().min(1, 'name the token').max(100), scopes: z.array(z.enum(['read', 'control'])).min(1, 'choose at least one scope') }).strict();
export const createdTokenResponse = z.object({ token: apiToken, secret: z.string().describe('shown once; send as "Authorization: Bearer <secret>"') });
