import { z } from 'zod';
import { channelSchema } from '@agent-studio/core';
import { parseQuery, route } from '@/server/http';
import { subscribe } from '@/server/live-hub';
import { isEventId, lastEventId, sseResponse } from '@/server/sse';

export const dynamic = 'force-dynamic';

const query = z.object({
  channels: z
    .string()
    .default('cron:all,agents:all,gtm:queue,system')
    .transform((s) =>
      s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .pipe(z.array(channelSchema).min(1, 'name at least one channel')),
  since: z.string().refine(isEventId, 'since must be an event id').optional(),
});

/** One SSE stream for the channels asked; resumes after `Last-Event-ID` (or `?since=`) without gaps. */
export const GET = route(async (request: Request) => {
  const { channels, since } = parseQuery(query, request.url);
  const afterId = lastEventId(request) ?? since ?? null;
  return sseResponse(request, (writer) => subscribe(channels, afterId, (e) => writer.sendEvent(e)));
});
