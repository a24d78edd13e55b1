import { z } from 'zod';
import { countTitle, defineRule } from '../rule';

/** A run the schedule promised never came (the watchdog's finding); resolved once the job runs again. */
export const runMissed = defineRule({
  kind: 'run_missed',
  label: 'Run missed',
  description: 'A job did not run when its schedule said it would. Resolved when it runs again.',
  params: z.object({ lookbackHours: z.number().min(1).max(720).default(24) }),
  paramLabels: { lookbackHours: 'Missed runs of the last (hours)' },
  summary: (items) =>
    countTitle(
      items,
      (i) => `Job “${i.title}” missed a run`,
      (n) => `${n} jobs missed runs`,
    ),
  async findOpen(db, { lookbackHours }, now) {
    const rows = await db.query<{ id: string; name: string; expected_at: Date }>(
      `select j.id, j.name, max(m.expected_at) as expected_at
         from cron_missed_runs m join cron_jobs j on j.id = m.job_id
        where j.removed_at is null and m.expected_at > $1::timestamptz - make_interval(hours => $2)
          and not exists (select 1 from cron_runs r where r.job_id = j.id and r.started_at > m.expected_at)
        group by j.id, j.name order by j.name`,
      [now, lookbackHours],
    );
    return rows.map((r) => ({
      key: r.id,
      title: r.name,
      detail: `Expected at ${new Date(r.expected_at).toISOString().slice(0, 16).replace('T', ' ')} UTC; it has not run since.`,
    }));
  },
});
