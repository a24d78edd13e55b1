// Gateway protocol 4 frames (OPENCLAW.md "Frames"). Lenient where OpenClaw adds fields between versions.
import { z } from 'zod';

export const errorShape = z
  .object({ code: z.string().optional(), message: z.string().optional(), retryable: z.boolean().optional() })
  .loose();

export const frameSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('res'),
      id: z.string(),
      ok: z.boolean(),
      payload: z.unknown().optional(),
      error: errorShape.optional(),
    })
    .loose(),
  z
    .object({
      type: z.literal('event'),
      event: z.string(),
      payload: z.unknown().optional(),
      seq: z.number().optional(),
    })
    .loose(),
  z.object({ type: z.literal('req'), id: z.string(), method: z.string(), params: z.unknown().optional() }).loose(),
]);
export type Frame = z.infer<typeof frameSchema>;

export const challengeSchema = z.object({ nonce: z.string(), ts: z.number() }).loose();

export const helloSchema = z
  .object({
    protocol: z.number(),
    server: z.object({ version: z.string() }).loose(),
    features: z.object({ methods: z.array(z.string()).default([]), events: z.array(z.string()).default([]) }).loose(),
    snapshot: z.unknown().optional(),
  })
  .loose();
export type Hello = z.infer<typeof helloSchema>;
