// The demo's scripted life on the simulator: a handful of realistic jobs with two days of history, content
// files the jobs "write" into the GTM folder, live runs (some failing), and sub-agent swarms coming and going.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cron } from 'croner';
import type { GatewaySimulator, RunOutcome, SimJob } from './gateway-simulator';

type RecurringSchedule = Exclude<SimJob['schedule'], { kind: 'at' }>;

interface DemoJob {
  name: string;
  description: string;
  schedule: RecurringSchedule;
  message: string;
  /** Share of runs that fail, and how. */
  failRate: number;
  failure: string;
  /** Content folder the job writes into, if it produces content. */
  writes?: { type: string; title: (n: number) => string; body: string; tags: string[] };
}

const JOBS: DemoJob[] = [
  {
    name: 'Daily market digest',
    description: 'Summarises overnight news in our market for the morning brief.',
    schedule: { kind: 'cron', expr: '0 7 * * *', tz: 'Europe/Berlin' },
    message: 'Write the daily market digest from the saved feeds.',
    failRate: 0.05,
    failure: 'Model provider error: 529 overloaded',
    writes: { type: 'newsletter', title: (n) => `Market digest #${n}`, body: 'Three things moved the market overnight:\n\n1. **Pricing** changes at two competitors.\n2. A new open-source gateway release.\n3. Analyst notes on agent platforms.\n\n> Draft written by the digest agent; check the numbers before sending.', tags: ['digest', 'market'] },
  },
  {
    name: 'Competitor pricing scan',
    description: 'Checks competitor pricing pages and records changes.',
    schedule: { kind: 'cron', expr: '*/30 * * * *', tz: 'UTC' },
    message: 'Scan the competitor pricing pages and note any change.',
    failRate: 0.3,
    failure: 'Rate limit exceeded (429) on web_fetch: retry after 60s',
  },
  {
    name: 'LinkedIn post drafts',
    description: 'Drafts two LinkedIn posts from this week’s product notes.',
    schedule: { kind: 'cron', expr: '0 9 * * 1-5', tz: 'America/New_York' },
    message: 'Draft two LinkedIn posts from the product notes.',
    failRate: 0.1,
    failure: 'Tool error: write failed (EACCES: permission denied, open gtm/social/draft.md)',
    writes: { type: 'social', title: (n) => `LinkedIn draft ${n}: what we learned shipping agents`, body: 'Shipping AI agents to production taught us one thing: **observability first**.\n\n- Every run is logged\n- Every failure has a category\n- Every draft gets a human review\n\n#agents #buildinpublic', tags: ['linkedin', 'social'] },
  },
  {
    name: 'Inbox triage',
    description: 'Labels and summarises new support email.',
    schedule: { kind: 'every', everyMs: 15 * 60_000 },
    message: 'Triage the support inbox and summarise what needs a human.',
    failRate: 0.08,
    failure: 'Timed out after 300s waiting for the mail tool',
  },
  {
    name: 'Weekly SEO report',
    description: 'Ranks, clicks and the pages that moved this week.',
    schedule: { kind: 'cron', expr: '0 6 * * 1', tz: 'Europe/London' },
    message: 'Build the weekly SEO report.',
    failRate: 0,
    failure: '',
    writes: { type: 'blog', title: (n) => `SEO week ${n}: the pages that moved`, body: '## Winners\n\n| Page | Clicks | Change |\n|---|---:|---:|\n| /pricing | 1,204 | +18% |\n| /blog/agents | 880 | +42% |\n\n## Losers\n\nThe docs landing page lost 9% after the redesign.', tags: ['seo', 'report'] },
  },
];

const HISTORY_MS = 48 * 3_600_000;

export interface DemoOptions {
  gtmDir: string;
  /** Milliseconds between live runs (the demo runs much faster than the schedules say). */
  tickMs?: number;
}

export function startDemoActivity(sim: GatewaySimulator, opts: DemoOptions): () => void {
  const tickMs = opts.tickMs ?? 12_000;
  let written = 0;
  const writeContent = (d: DemoJob, status?: string, sessionKey?: string) => {
    if (!d.writes) return;
    const n = ++written;
    const dir = join(opts.gtmDir, d.writes.type);
    mkdirSync(dir, { recursive: true });
    // the agent's write tool call names the file relative to the workspace (gtm/ is in it), as OpenClaw's does
    if (sessionKey) sim.toolCall(sessionKey, 'write', { path: `gtm/${d.writes.type}/${slug(d.writes.title(n))}.md` }, { ok: true });
    const front = ['---', `title: "${d.writes.title(n)}"`, `type: ${d.writes.type}`, `tags: [${d.writes.tags.join(', ')}]`, `priority: ${1 + (n % 5)}`, ...(status ? [`status: ${status}`] : []), '---', ''];
    writeFileSync(join(dir, `${slug(d.writes.title(n))}.md`), `${front.join('\n')}# ${d.writes.title(n)}\n\n${d.writes.body}\n`);
  };
  const outcome = (d: DemoJob, rnd = Math.random()): RunOutcome => {
    const durationMs = 2_000 + Math.round(Math.random() * 8_000);
    return rnd < d.failRate ? { durationMs, error: d.failure } : { durationMs, summary: `${d.name}: done.`, during: (run) => writeContent(d, undefined, run.sessionKey) };
  };

  const jobs = JOBS.map((d) => ({ d, job: sim.addJob({ name: d.name, description: d.description, enabled: true, schedule: d.schedule, payload: { kind: 'agentTurn', message: d.message } }) }));
  sim.addJob({ name: 'Archive old sessions', description: 'Paused while the archive format changes.', enabled: false, schedule: { kind: 'cron', expr: '30 2 * * *' }, payload: { kind: 'agentTurn', message: 'Archive sessions older than 30 days.' } });

  const now = Date.now();
  for (const { d, job } of jobs) {
    for (const at of occurrences(d.schedule, now - HISTORY_MS, now)) {
      // for the watchdog to find: the pricing scan did not run for an hour this morning, and one triage run
      // "succeeded" without a word
      if (d.name === 'Competitor pricing scan' && at > now - 6 * 3_600_000 && at <= now - 5 * 3_600_000) continue;
      const silent = d.name === 'Inbox triage' && at > now - 3 * 3_600_000 && at <= now - 3 * 3_600_000 + 15 * 60_000;
      const o = silent ? { summary: '' } : outcome(d);
      sim.recordRun(job, at, { ...o, durationMs: 20_000 + Math.round(Math.random() * 160_000) });
    }
    job.state.nextRunAtMs = occurrences(d.schedule, now, now + 8 * 86_400_000)[0];
    if (d.writes) for (let i = 0; i < 3; i++) writeContent(d, i === 0 ? 'pending_review' : undefined);
  }
  // a swarm that has just ended, one of its sub-agents in error (for the Failures page from the start)
  sim.spawnSwarm('Draft the launch announcement from the release notes', [
    { label: 'notes-reader', durationMs: 3_000 },
    { label: 'launch-writer', durationMs: 5_000, fail: 'Context window exceeded' },
  ]);

  let turn = 0;
  const loop = setInterval(() => {
    const { d, job } = jobs[turn++ % jobs.length]!;
    sim.runJob(job.id, outcome(d));
    if (turn % 4 === 0) {
      sim.spawnSwarm('Research three competitors and compare their onboarding', [
        { label: 'researcher-acme', durationMs: 8_000 + Math.random() * 10_000 },
        { label: 'researcher-globex', durationMs: 8_000 + Math.random() * 10_000 },
        { label: 'writer', durationMs: 15_000 + Math.random() * 8_000, fail: Math.random() < 0.25 ? 'Context window exceeded' : undefined },
      ]);
    }
  }, tickMs);
  return () => clearInterval(loop);
}

function occurrences(schedule: RecurringSchedule, from: number, to: number): number[] {
  if (schedule.kind === 'every') {
    const out: number[] = [];
    for (let t = Math.ceil(from / schedule.everyMs) * schedule.everyMs; t < to; t += schedule.everyMs) out.push(t);
    return out;
  }
  const cron = new Cron(schedule.expr, { timezone: schedule.tz });
  const out: number[] = [];
  for (let next = cron.nextRun(new Date(from)); next && next.getTime() < to; next = cron.nextRun(next)) out.push(next.getTime());
  return out;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
