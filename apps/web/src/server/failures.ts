import 'server-only';
import { categorizeFailure, failureAdvice, failureSignature, type FailureCategory } from '@agent-studio/core/failures/categorize';
import { listFailedRuns } from '@agent-studio/database';
import { getDb } from './db';

export interface FailureGroup {
  signature: string;
  category: FailureCategory;
  advice: string;
  example: string;
  count: number;
  firstSeen: Date;
  lastSeen: Date;
  jobs: { id: string; name: string }[];
  latestRunId: string;
}

/** Failed runs of the last `days`, grouped by what failed (category + normalized signature), most frequent first. */
export async function loadFailureGroups(days = 30): Promise<FailureGroup[]> {
  const runs = await listFailedRuns(await getDb(), { since: new Date(Date.now() - days * 86_400_000) });
  const groups = new Map<string, FailureGroup>();
  for (const r of runs) {
    const input = { error: r.error ?? r.stderr, exitCode: r.exit_code, log: r.stderr };
    const category = categorizeFailure(input);
    const signature = failureSignature(input) || '(no error text)';
    const key = `${category}|${signature}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { signature, category, advice: failureAdvice[category], example: r.error ?? r.stderr ?? '(no error text)', count: 1, firstSeen: r.started_at, lastSeen: r.started_at, jobs: [{ id: r.job_id, name: r.job_name }], latestRunId: r.id });
      continue;
    }
    g.count++;
    if (r.started_at < g.firstSeen) g.firstSeen = r.started_at;
    if (!g.jobs.some((j) => j.id === r.job_id)) g.jobs.push({ id: r.job_id, name: r.job_name });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.lastSeen.getTime() - a.lastSeen.getTime());
}
