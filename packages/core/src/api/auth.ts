import { z } from 'zod';
import { dateTimeInput, isoDate, uuid } from './common';

export const loginBody = z.object({ password: z.string().min(1, 'enter the password').max(200) }).strict();
export const setupBody = z
  .object({ token: z.string().min(20).max(200), password: z.string().min(10, 'use at least 10 characters').max(200) })
  .strict();
export const logoutBody = z.object({ everywhere: z.boolean().default(false) }).strict();
export const okResponse = z.object({ ok: z.literal(true) });

export const apiToken = z.object({
  id: uuid,
  name: z.string(),
  scopes: z.array(z.enum(['read', 'control'])),
  createdAt: isoDate,
  expiresAt: isoDate.nullable().describe('when it stops working (refused 401 token_expired); null: never'),
  lastUsedAt: isoDate.nullable().describe('updated at most once a minute'),
  revokedAt: isoDate.nullable(),
});
export const tokensResponse = z.object({ tokens: z.array(apiToken) });
export const createTokenBody = z
  .object({
    name: z.string().trim().min(1, 'name the token').max(100),
    scopes: z.array(z.enum(['read', 'control'])).min(1, 'choose at least one scope'),
    expiresAt: dateTimeInput
      .refine((d) => d.getTime() > Date.now(), 'must be in the future')
      .nullable()
      .default(null)
      .describe('when the token stops working; null or left out: never'),
  })
  .strict();
export const createdTokenResponse = z.object({
  token: apiToken,
  secret: z.string().describe('shown once; send as "Authorization: Bearer <secret>"'),
});
