// The demo's scripted life on the simulator: a handful of realistic jobs with two days of history, content
// files the jobs "write" into the GTM folder, live runs (some failing), and sub-agent swarms coming and going.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cron } from 'croner';
import type { GatewaySimulator, RunOutcome, SimJob } from './gateway-simulator';

type RecurringSchedule = Exclude<SimJob['schedule'], { kind: 'at' }>;

export interface DemoJob {
  name: string;
  description: string;
  schedule: RecurringSchedule;
  message: string;
  /** How long a run takes, in seconds (history and live alike). */
  seconds: [number, number];
  /** The job's timeout (OpenClaw's payload.timeoutSeconds): a run that hits it lasts exactly that long. */
  timeoutSeconds: number;
  /** Share of runs that fail, and how. */
  failRate: number;
  failure: string;
  /** Share of runs that run into the timeout (and then last exactly that long). */
  timeoutRate?: number;
  /** How long ago the job was created (its history starts then); default: before the two days shown. */
  createdAgoMs?: number;
  /** Content folder the job writes into, if it produces content. */
  writes?: { type: string; title: (n: number) => string; body: string; tags: string[] };
}

// Every job runs on its own schedule, in real time: the frequent ones keep the demo alive (the mention replies
// write a draft each minute), the daily and weekly ones ran in the history and run again when their time comes. What the studio shows as "next run"
// is when the job does run.
export const DEMO_JOBS: DemoJob[] = [
  {
    name: 'Daily market digest',
    description: 'Summarises overnight news in our market for the morning brief.',
    schedule: { kind: 'cron', expr: '0 7 * * *', tz: 'Europe/Berlin' },
    message: 'Write the daily market digest from the saved feeds.',
    seconds: [45, 120],
    timeoutSeconds: 600,
    failRate: 0.05,
    failure: 'Model provider error: 529 overloaded',
    writes: {
      type: 'newsletter',
      title: (n) => `Market digest #${n}`,
      body: 'Three things moved the market overnight:\n\n1. **Pricing** changes at two competitors.\n2. A new open-source gateway release.\n3. Analyst notes on agent platforms.\n\n> Draft written by the digest agent; check the numbers before sending.',
      tags: ['digest', 'market'],
    },
  },
  {
    name: 'Competitor pricing scan',
    description: 'Checks competitor pricing pages and records changes.',
    schedule: { kind: 'cron', expr: '*/30 * * * *', tz: 'UTC' },
    message: 'Scan the competitor pricing pages and note any change.',
    seconds: [12, 35],
    timeoutSeconds: 120,
    failRate: 0.2,
    failure: 'Rate limit exceeded (429) on web_fetch: retry after 60s',
    timeoutRate: 0.06,
  },
  {
    name: 'LinkedIn post drafts',
    description: 'Drafts two LinkedIn posts from this week’s product notes.',
    schedule: { kind: 'cron', expr: '0 9 * * 1-5', tz: 'America/New_York' },
    message: 'Draft two LinkedIn posts from the product notes.',
    seconds: [30, 75],
    timeoutSeconds: 600,
    failRate: 0.1,
    failure: 'Tool error: write failed (EACCES: permission denied, open gtm/social/draft.md)',
    writes: {
      type: 'social',
      title: (n) => `LinkedIn draft ${n}: what we learned shipping agents`,
      body: 'Shipping AI agents to production taught us one thing: **observability first**.\n\n- Every run is logged\n- Every failure has a category\n- Every draft gets a human review\n\n#agents #buildinpublic',
      tags: ['linkedin', 'social'],
    },
  },
  {
    name: 'Inbox triage',
    description: 'Labels and summarises new support email.',
    schedule: { kind: 'every', everyMs: 15 * 60_000 },
    message: 'Triage the support inbox and summarise what needs a human.',
    seconds: [4, 12],
    timeoutSeconds: 90,
    failRate: 0.08,
    failure: 'IMAP login failed: authentication error (535)',
  },
  {
    name: 'Mention replies',
    description: 'Drafts a reply to each new mention of the product, for a person to send.',
    schedule: { kind: 'every', everyMs: 60_000 },
    message: 'Read the new mentions and draft a reply to each.',
    seconds: [3, 9],
    timeoutSeconds: 60,
    failRate: 0.04,
    failure: 'web_fetch failed: getaddrinfo ENOTFOUND mentions.example.com',
    createdAgoMs: 3_600_000,
    writes: {
      type: 'social',
      title: (n) => `Reply draft ${n}: thanks for the mention`,
      body: 'Thanks for trying the studio! The **run history** you asked about is on each job’s page, with the cost of every run.\n\n> Draft: check the tone before sending.',
      tags: ['social', 'reply'],
    },
  },
  {
    name: 'Weekly SEO report',
    description: 'Ranks, clicks and the pages that moved this week.',
    schedule: { kind: 'cron', expr: '0 6 * * 1', tz: 'Europe/London' },
    message: 'Build the weekly SEO report.',
    seconds: [90, 200],
    timeoutSeconds: 900,
    failRate: 0,
    failure: '',
    writes: {
      type: 'blog',
      title: (n) => `SEO week ${n}: the pages that moved`,
      body: '## Winners\n\n| Page | Clicks | Change |\n|---|---:|---:|\n| /pricing | 1,204 | +18% |\n| /blog/agents | 880 | +42% |\n\n## Losers\n\nThe docs landing page lost 9% after the redesign.',
      tags: ['seo', 'report'],
    },
  },
];

const HISTORY_MS = 48 * 3_600_000;
const SWARM_EVERY_MS = 90_000;

/** OpenClaw's words for a run stopped at its job's timeout. */
export const TIMEOUT_ERROR = 'cron: job execution timed out';

export interface DemoOptions {
  gtmDir: string;
  /**
   * The simulator was restored from the demo's saved state: its jobs, history, content and chats are there
   * already, and only the live activity starts again.
   */
  resumed?: boolean;
}

/** The demo's chat channels in OpenClaw: Telegram up, WhatsApp logged out (the dashboard's channel card shows it). */
export const DEMO_CHANNEL_ACCOUNTS = {
  telegram: [
    { accountId: 'default', enabled: true, configured: true, running: true, connected: true, healthState: 'healthy' },
  ],
  whatsapp: [
    {
      accountId: 'default',
      enabled: true,
      configured: true,
      running: true,
      connected: false,
      healthState: 'disconnected',
      lastError: 'WhatsApp Web logged out: link the device again',
    },
  ],
};

export function startDemoActivity(sim: GatewaySimulator, opts: DemoOptions): () => void {
  sim.channelAccounts = structuredClone(DEMO_CHANNEL_ACCOUNTS);
  // a resumed demo numbers its new files after those written before, never over one (its review kept)
  let written = opts.resumed ? markdownFiles(opts.gtmDir) : 0;
  const writeContent = (d: DemoJob, status?: string, sessionKey?: string) => {
    if (!d.writes) return;
    const n = ++written;
    const dir = join(opts.gtmDir, d.writes.type);
    mkdirSync(dir, { recursive: true });
    // the agent's write tool call names the file relative to the workspace (gtm/ is in it), as OpenClaw's does
    if (sessionKey)
      sim.toolCall(sessionKey, 'write', { path: `gtm/${d.writes.type}/${slug(d.writes.title(n))}.md` }, { ok: true });
    const front = [
      '---',
      `title: "${d.writes.title(n)}"`,
      `type: ${d.writes.type}`,
      `tags: [${d.writes.tags.join(', ')}]`,
      `priority: ${1 + (n % 5)}`,
      ...(status ? [`status: ${status}`] : []),
      '---',
      '',
    ];
    writeFileSync(
      join(dir, `${slug(d.writes.title(n))}.md`),
      `${front.join('\n')}# ${d.writes.title(n)}\n\n${d.writes.body}\n`,
    );
  };
  const usualMs = (d: DemoJob) => Math.round((d.seconds[0] + Math.random() * (d.seconds[1] - d.seconds[0])) * 1000);
  const timeout = (d: DemoJob): RunOutcome => ({
    durationMs: d.timeoutSeconds * 1000,
    error: TIMEOUT_ERROR,
    timedOut: true,
  });
  const outcome = (d: DemoJob, live: boolean): RunOutcome => {
    const durationMs = usualMs(d);
    const roll = Math.random();
    if (roll < (d.timeoutRate ?? 0)) return timeout(d);
    // a failure comes part-way through the work
    if (roll < (d.timeoutRate ?? 0) + d.failRate)
      return { durationMs: Math.round(durationMs * (0.2 + Math.random() * 0.5)), error: d.failure };
    return {
      durationMs,
      summary: `${d.name}: done.`,
      during: live ? (run) => writeContent(d, undefined, run.sessionKey) : undefined,
    };
  };

  if (opts.resumed) return startLiveActivity(sim, demoJobsOf(sim), outcome);
  const jobs = DEMO_JOBS.map((d) => ({
    d,
    job: sim.addJob({
      name: d.name,
      description: d.description,
      enabled: true,
      schedule: d.schedule,
      payload: { kind: 'agentTurn', message: d.message, timeoutSeconds: d.timeoutSeconds },
    }),
  }));
  sim.addJob({
    name: 'Archive old sessions',
    description: 'Paused while the archive format changes.',
    enabled: false,
    schedule: { kind: 'cron', expr: '30 2 * * *' },
    payload: { kind: 'agentTurn', message: 'Archive sessions older than 30 days.' },
  });

  const now = Date.now();
  for (const { d, job } of jobs) {
    for (const at of occurrences(d.schedule, now - Math.min(HISTORY_MS, d.createdAgoMs ?? HISTORY_MS), now)) {
      // for the watchdog to find: the pricing scan did not run for an hour 5-6 hours ago, and one triage run
      // "succeeded" without a word
      if (d.name === 'Competitor pricing scan' && at > now - 6 * 3_600_000 && at <= now - 5 * 3_600_000) continue;
      const silent = d.name === 'Inbox triage' && at > now - 3 * 3_600_000 && at <= now - 3 * 3_600_000 + 15 * 60_000;
      // and one scan ran into its timeout 9 hours ago: the history always has one to show, not only by chance
      const timedOut = d.name === 'Competitor pricing scan' && at > now - 9 * 3_600_000 && at <= now - 8.5 * 3_600_000;
      const o = timedOut ? timeout(d) : outcome(d, false);
      // a run still going on now goes on live
      if (at + o.durationMs > now) sim.runJob(job.id, outcome(d, true), false, at);
      else sim.recordRun(job, at, silent ? { durationMs: usualMs(d), summary: '' } : o, false, { session: true });
    }
    if (d.writes) for (let i = 0; i < 3; i++) writeContent(d, i === 0 ? 'pending_review' : undefined);
  }
  const stopLive = startLiveActivity(sim, jobs, outcome);
  // a swarm that has just ended, one of its sub-agents in error (for the Failures page from the start)
  sim.spawnSwarm('Draft the launch announcement from the release notes', [
    { label: 'notes-reader', durationMs: 3_000 },
    { label: 'launch-writer', durationMs: 5_000, fail: 'Context window exceeded' },
  ]);
  // the owner's chat with the assistant: last evening's conversation, then a reset (OpenClaw's `/new` or its daily
  // reset) begins it anew as the owner writes again; the owner writes once the studio has read the chat's history,
  // so the studio holds both conversations (the Agents page shows them apart)
  const ownerChat = 'agent:main:main';
  const evening = now - 14 * 3_600_000;
  sim.pastChat(ownerChat, 'Owner chat', [
    { role: 'user', text: 'Which jobs failed today, and why?', at: evening },
    {
      role: 'assistant',
      text: 'Two pricing scans hit the rate limit (429) on web_fetch; one inbox triage could not log in (IMAP 535). Everything else ran.',
      at: evening + 20_000,
      tokens: { input: 2_400, output: 180 },
    },
    { role: 'user', text: 'Draft a reply to the mention asking about run history.', at: evening + 120_000 },
    {
      role: 'assistant',
      text: 'Drafted: it is in Content, waiting for your review.',
      at: evening + 150_000,
      tokens: { input: 2_900, output: 60 },
    },
  ]);
  let ownerWrote = false;
  sim.onHistoryRead = (key) => {
    if (key !== ownerChat || ownerWrote) return;
    ownerWrote = true;
    sim.reset(ownerChat);
    sim.chatTurn(
      ownerChat,
      'Good morning. What ran overnight?',
      'Overnight: the pricing scans ran every half hour, the digest is drafted, and nothing waits on you except two drafts.',
      { input: 1_800, output: 90 },
    );
  };
  return stopLive;
}

/** The demo's jobs in a restored simulator, by name. */
function demoJobsOf(sim: GatewaySimulator): { d: DemoJob; job: SimJob }[] {
  const byName = new Map([...sim.jobs.values()].map((job) => [job.name, job]));
  return DEMO_JOBS.flatMap((d) => {
    const job = byName.get(d.name);
    return job ? [{ d, job }] : [];
  });
}

/**
 * From here the simulated gateway runs each job when its schedule says (and Run now as a person asks), and now
 * and then a person asks for a swarm. Returns what stops it.
 */
function startLiveActivity(
  sim: GatewaySimulator,
  jobs: { d: DemoJob; job: SimJob }[],
  outcome: (d: DemoJob, live: boolean) => RunOutcome,
): () => void {
  const byId = new Map(jobs.map(({ d, job }) => [job.id, d]));
  sim.outcomeFor = (job) => {
    const d = byId.get(job.id);
    return d
      ? outcome(d, true)
      : { durationMs: 5_000 + Math.round(Math.random() * 10_000), summary: `${job.name}: done.` };
  };
  const stopSchedules = sim.runSchedules();
  const swarms = setInterval(() => {
    sim.spawnSwarm('Research three competitors and compare their onboarding', [
      { label: 'researcher-acme', durationMs: 20_000 + Math.random() * 20_000 },
      { label: 'researcher-globex', durationMs: 20_000 + Math.random() * 20_000 },
      {
        label: 'writer',
        durationMs: 35_000 + Math.random() * 20_000,
        fail: Math.random() < 0.25 ? 'Context window exceeded' : undefined,
      },
    ]);
  }, SWARM_EVERY_MS);
  return () => {
    stopSchedules();
    clearInterval(swarms);
  };
}

function occurrences(schedule: RecurringSchedule, from: number, to: number): number[] {
  if (schedule.kind === 'every') {
    const out: number[] = [];
    for (let t = Math.ceil(from / schedule.everyMs) * schedule.everyMs; t < to; t += schedule.everyMs) out.push(t);
    return out;
  }
  const cron = new Cron(schedule.expr, { timezone: schedule.tz });
  const out: number[] = [];
  for (let next = cron.nextRun(new Date(from)); next && next.getTime() < to; next = cron.nextRun(next))
    out.push(next.getTime());
  return out;
}

const markdownFiles = (dir: string) =>
  existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.md')).length : 0;

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
