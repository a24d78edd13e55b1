// The lab's recorded OpenClaw 2026.9.6 frames (test/fixtures/openclaw-2026.9.6, see its README) as the mirror's
// tests use them: the sessions and runs they name, and the mirror's state read back.
import { getAgentSessionByKey, listAgentLogs, setCheckpoint, type AgentLogRow, type Db } from '@agent-studio/database';
import { cronRunSchema, sessionRowSchema } from '../../src/mirror/schemas';
import * as translate from '../../src/mirror/translate';
import { entries, rows } from '../recorded-gateway';

export const at = (ms: number) => new Date(ms).toISOString();

// job A of the lab (3 runs of 2 model calls: 42/7 tokens, $0.000056 each), its latest run, and that run's session
export const JOB_A = 'ace284d6-bf30-4145-9ca8-2bddee3d400b';
export const JOB_A_BASE = `agent:main:cron:${JOB_A}`;
export const JOB_A_RUN3 = `${JOB_A_BASE}:run:09d08a22-82cf-4382-9b68-f45599d267c1`;
export const RUN3_AT = 1796427891000;
// the run whose edit failed (ENOENT), and the run a 429 held until its timeout
export const TOOL_ERROR_BASE = 'agent:main:cron:499cab22-f5da-479e-a524-c869b586dba1';
export const TOOL_ERROR_RUN = `${TOOL_ERROR_BASE}:run:018a87bd-20de-44c4-a9de-ac2f8318886e`;
export const RATE_LIMITED_BASE = 'agent:main:cron:9c364c70-c6c4-4d1b-a47b-205066ed2906';
export const RATE_LIMITED_RUN = `${RATE_LIMITED_BASE}:run:a8792972-0e00-46e6-aae5-1291cf8ccfb0`;
export const ABORTED_BASE = 'agent:main:cron:e42a5ed2-6727-4485-a28b-877050afcfab';
export const ABORTED_RUN = `${ABORTED_BASE}:run:590f38ee-8337-4ff0-a015-c3c67787d155`;
export const KILLED_JOB = '018d8d77-298a-4887-beee-29d312e570fd';
export const KILLED_RUN = `agent:main:cron:${KILLED_JOB}:run:5084fb38-2887-4a19-a599-f4126e5e1eb2`;
export const CHAT = 'agent:main:main';

// every run recorded in the lab's first gateway (scope all)
export const ALL_RUNS = [
  'cron-runs-jobA',
  'cron-runs-toolerror',
  'cron-runs-429-timeout',
  'cron-runs-aborted',
  'cron-runs-interrupted-by-restart',
].flatMap((name) => entries(name));

export const rowOf = (name: string, key: string) => sessionRowSchema.parse(rows(name).find((s) => s.key === key));
export const runOf = (name: string, i = 0) => cronRunSchema.parse(entries(name)[i]);

/** The mirror's state as after a first connect: no checkpoint of runs or sessions (the tests share one database). */
export async function asFirstConnect(db: Db) {
  await setCheckpoint(db, translate.SOURCE, 'cron.runs', {});
  await setCheckpoint(db, translate.SOURCE, 'sessions.list', {});
}

export async function logsOf(db: Db, key: string): Promise<AgentLogRow[]> {
  const s = await getAgentSessionByKey(db, key);
  return s
    ? (await listAgentLogs(db, { sessionId: s.id, limit: 1000 })).sort((a, b) => Number(a.seq) - Number(b.seq))
    : [];
}

export const ids = (lines: readonly AgentLogRow[]) => lines.map((l) => l.external_id);
