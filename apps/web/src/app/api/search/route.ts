import type { z } from 'zod';
import { searchQuery, type searchResponse } from '@agent-studio/core/api';
import { listGtmOutputs, searchJobs, searchSessionGroups } from '@agent-studio/database';
import { filteredGateway } from '@/server/actions/lookup';
import { getDb } from '@/server/db';
import { parseQuery, route } from '@/server/http';

export const dynamic = 'force-dynamic';

type Answer = z.infer<typeof searchResponse>;
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The command palette's search, server-side over everything (not the newest hundred of each), or one gateway's. */
export const GET = route(async (request: Request) => {
  const { q, limit, gateway } = parseQuery(searchQuery, request.url);
  const db = await getDb();
  const gatewayId = await filteredGateway(gateway);
  const [jobs, sessions, content] = await Promise.all([
    searchJobs(db, q, limit, gatewayId),
    searchSessionGroups(db, q, limit, gatewayId),
    listGtmOutputs(db, { search: q, limit, gatewayId }),
  ]);
  const answer: Answer = {
    jobs: jobs.map((j) => ({
      id: j.id,
      label: j.name,
      hint: j.removed ? 'removed' : !j.enabled ? 'paused' : j.source === 'host' ? 'host cron' : 'cron job',
      href: `/cron/${j.id}`,
      ...(j.enabled && j.next_run_at
        ? { at: iso(j.next_run_at), atKind: 'next run' as const }
        : { at: iso(j.last_run_at), atKind: j.last_run_at ? ('last run' as const) : null }),
      enabled: j.enabled,
      canPause: j.source === 'openclaw' && !j.removed,
      removed: j.removed,
    })),
    sessions: sessions.map((s) => ({
      id: s.newest_id,
      label: s.agent_name,
      hint:
        s.count > 1
          ? `${s.count} ${s.agent_type} sessions · newest ${s.newest_status}`
          : `${s.agent_type} · ${s.newest_status}`,
      href: `/agents/${s.newest_id}`,
      at: iso(s.newest_at),
      atKind: 'last active',
      count: s.count,
    })),
    content: content.rows.map((o) => ({
      id: o.id,
      label: o.title,
      hint: `${o.content_type.replace(/_/g, ' ')} · ${o.status.replace(/_/g, ' ')}`,
      href: `/content/${o.id}`,
      ...(o.published_at
        ? { at: iso(o.published_at), atKind: 'published' as const }
        : o.scheduled_for
          ? { at: iso(o.scheduled_for), atKind: 'publishes' as const }
          : { at: iso(o.updated_at), atKind: 'updated' as const }),
    })),
  };
  return Response.json(answer);
});
