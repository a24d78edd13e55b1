import { z } from 'zod';
import { countTitle, defineRule } from '../rule';

/** A job whose latest finished run failed or timed out; resolved by its next successful run. */
export const jobFailed = defineRule({
  kind: 'job_failed',
  label: 'Job failed',
  description: 'A job’s latest run failed or timed out. Resolved when it next succeeds.',
  params: z.object({ lookbackHours: z.number().min(1).max(720).default(24) }),
  paramLabels: { lookbackHours: 'Failures of the last (hours)' },
  summary: (items) =>
    countTitle(
      items,
      (i) => `Job “${i.title}” failed`,
      (n) => `${n} jobs failed`,
    ),
  async findOpen(db, { lookbackHours }, now) {
    const rows = await db.query<{ id: string; name: string; status: string; error: string | null }>(
      `select j.id, j.name, r.status, coalesce(r.error, j.last_error) as error
         from cron_jobs j
         cross join lateral (
           select status, error, finished_at from cron_runs
            where job_id = j.id and status not in ('running', 'cancelled')
            order by started_at desc limit 1) r
        where j.removed_at is null and r.status in ('failed', 'timeout')
          and r.finished_at > $1::timestamptz - make_interval(hours => $2)
        order by j.name`,
      [now, lookbackHours],
    );
    return rows.map((r) => ({
      key: r.id,
      title: r.name,
      detail: r.status === 'timeout' ? 'Timed out.' : (r.error ?? 'Failed.').slice(0, 300),
    }));
  },
});
