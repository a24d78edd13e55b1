// Who made a change: recorded on events and content revisions so the activity log and history can say it.
import { z } from 'zod';

export const actorKinds = ['owner', 'token', 'disk', 'agent', 'scheduler', 'studio'] as const;
export type ActorKind = (typeof actorKinds)[number];

export const actorSchema = z.object({
  kind: z.enum(actorKinds),
  /** users.id, api_tokens.id or agent_sessions.id; null for the disk and the scheduler. */
  id: z.string().nullable(),
  /** What a person reads: the owner's name, the token's name, the file's path. */
  name: z.string(),
});
export type Actor = z.infer<typeof actorSchema>;

export const schedulerActor: Actor = { kind: 'scheduler', id: null, name: 'scheduled publishing' };

/** The studio acting on its own (its budget watcher, a command queued without a person behind it). */
export const studioActor: Actor = { kind: 'studio', id: null, name: 'studio' };
export const budgetWatcherActor: Actor = { kind: 'studio', id: null, name: 'budget watcher' };
