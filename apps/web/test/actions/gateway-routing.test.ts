// Each action's command goes to the right gateway (issue 18, step 2): an action on a job, session or approval to
// that row's gateway, whatever the request says; a new job or swarm to the gateway its request names, else the
// default one. The studio's bridge serves the default gateway only, so a command for the second gateway "work"
// is never claimed here: it fails saying no bridge picked it up, and the default gateway never sees it.
import '../short-claim-timeout';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, test } from 'node:test';
import {
  DEFAULT_GATEWAY_ID,
  createGateway,
  getCommand,
  recordApprovalRequested,
  upsertAgentSession,
  type CommandRow,
  type GatewayRow,
} from '@agent-studio/database';
import { describeEachDriver, testCronJob } from '@agent-studio/database/testing';
import { answerApproval } from '@/server/actions/approval-answer';
import { createJob } from '@/server/actions/job-create';
import { deleteJob } from '@/server/actions/job-delete';
import { runJob } from '@/server/actions/job-run';
import { updateJob } from '@/server/actions/job-update';
import { cancelSession } from '@/server/actions/session-cancel';
import { spawnSwarm } from '@/server/actions/swarm-spawn';
import { newJobBody, refusal, useActions } from './setup';

describeEachDriver('gateway routing of actions', (get) => {
  const { studio, owner } = useActions(get);
  let work: GatewayRow;
  before(async () => (work = await createGateway(studio().db, `work-${randomUUID()}`)));

  /** The command an action queued for "work": never claimed by the default gateway's bridge. */
  const unclaimed = async (action: Promise<unknown>): Promise<CommandRow> => {
    const err = await refusal(action, 'command_failed');
    assert.match(
      err.message,
      /The bridge of gateway "work-.*" did not pick this up .*agent-studio bridge --gateway work-/,
    );
    const command = (await getCommand(studio().db, (err.extra as { commandId: string }).commandId))!;
    assert.equal(command.gateway_id, work.id);
    assert.equal(command.claimed_by, null);
    return command;
  };

  test("an action on a job, session or approval goes to that row's gateway", async () => {
    const { db, sim } = studio();
    const job = await testCronJob(db, { gatewayId: work.id, name: 'Work digest' });
    const runsBefore = sim.runs.length;
    assert.equal((await unclaimed(runJob(await owner(), job.id, {}))).kind, 'cron.run');
    assert.equal((await unclaimed(updateJob(await owner(), job.id, { enabled: false }))).kind, 'cron.setEnabled');
    assert.equal((await unclaimed(deleteJob(await owner(), job.id))).kind, 'cron.remove');
    assert.equal(sim.runs.length, runsBefore, 'the default gateway ran nothing');

    const { row: session } = await upsertAgentSession(db, {
      gatewayId: work.id,
      sessionKey: 'agent:main:main',
      agentName: 'main',
      agentType: 'singleton',
      status: 'running',
    });
    assert.equal((await unclaimed(cancelSession(await owner(), session.id))).kind, 'session.abort');

    const approval = (await recordApprovalRequested(db, {
      gatewayId: work.id,
      source: 'openclaw',
      externalId: randomUUID(),
      kind: 'exec',
      title: 'rm -rf build',
      allowedDecisions: ['allow-once', 'deny'],
      request: {},
      requestedAt: new Date(),
    }))!;
    assert.equal((await unclaimed(answerApproval(await owner(), approval.id, 'deny'))).kind, 'approval.resolve');
  });

  test('a request naming another gateway for a row is refused: the row says where it goes', async () => {
    const job = await testCronJob(studio().db, { gatewayId: work.id });
    const err = await refusal(
      updateJob(await owner(), job.id, { enabled: false, gateway: DEFAULT_GATEWAY_ID }),
      'invalid_request',
    );
    assert.match(err.message, /gateway/);
    const run = await refusal(runJob(await owner(), job.id, { gateway: DEFAULT_GATEWAY_ID }), 'invalid_request');
    assert.match(run.message, /gateway/);
  });

  test('a new job or swarm goes to the gateway its request names (name or id), else the default one', async () => {
    const byName = await unclaimed(createJob(await owner(), { ...newJobBody, name: 'On work', gateway: work.name }));
    assert.equal((byName.payload as { gateway?: string }).gateway, undefined, 'the gateway is not part of the job');
    assert.equal((byName.payload as { name: string }).name, 'On work');
    assert.ok(![...studio().sim.jobs.values()].some((j) => j.name === 'On work'));

    const swarm = await spawnSwarm(await owner(), { task: 'research', agents: ['researcher'], gateway: work.id });
    assert.equal(swarm.gateway_id, work.id);
    assert.deepEqual(swarm.payload, { task: 'research', agents: ['researcher'] });

    const { command } = await createJob(await owner(), { ...newJobBody, name: 'On default' });
    assert.equal(command.gateway_id, DEFAULT_GATEWAY_ID);
    assert.equal(command.status, 'succeeded');

    const nowhere = await refusal(createJob(await owner(), { ...newJobBody, gateway: 'nowhere' }), 'invalid_request');
    assert.deepEqual(
      (nowhere.details as { issues: { field: string }[] }).issues.map((i) => i.field),
      ['gateway'],
    );
  });
});
