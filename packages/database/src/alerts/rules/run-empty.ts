import { z } from 'zod';
import { countTitle, defineRule } from '../rule';

/** A job whose latest run reported success but produced nothing it usually does (the watchdog's verdict). */
export const runEmpty = defineRule({
  kind: 'run_empty',
  label: '“OK” run that produced nothing',
  description:
    'A job’s latest run said it succeeded but produced nothing it usually does. Resolved by its next good run.',
  params: z.object({ lookbackHours: z.number().min(1).max(720).default(24) }),
  paramLabels: { lookbackHours: 'Runs of the last (hours)' },
  summary: (items) =>
    countTitle(
      items,
      (i) => `Job “${i.title}” succeeded but produced nothing`,
      (n) => `${n} jobs produced nothing`,
    ),
  async findOpen(db, { lookbackHours }, now) {
    const rows = await db.query<{ id: string; name: string; reason: string }>(
      `select j.id, j.name, r.suspicious_reason as reason
         from cron_jobs j
         cross join lateral (
           select suspicious_reason, finished_at from cron_runs
            where job_id = j.id and status not in ('running', 'cancelled')
            order by started_at desc limit 1) r
        where j.removed_at is null and r.suspicious_reason is not null
          and r.finished_at > $1::timestamptz - make_interval(hours => $2)
        order by j.name`,
      [now, lookbackHours],
    );
    return rows.map((r) => ({ key: r.id, title: r.name, detail: r.reason }));
  },
});
