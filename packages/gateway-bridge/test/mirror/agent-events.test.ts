// Live agent events (agent-events.ts): a run's lifecycle and tool calls, at the levels the gateway gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getAgentSessionByKey } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { silentLogger as quiet } from '../../src/logger';
import { GatewayMirror } from '../../src/mirror/gateway-mirror';
import { recordedEvents } from '../recorded-gateway';
import { RATE_LIMITED_RUN, TOOL_ERROR_RUN, logsOf } from './frames';

describeEachDriver('agent events', (get) => {
  test('item 8: levels come from the gateway: the 429 retries and the timeout that ended them are error lines', async () => {
    const { db } = get();
    const mirror = new GatewayMirror(db, quiet);
    const rateLimited = recordedEvents('events-429-timeout').filter((e) => e.event === 'agent');
    await mirror.handleAll(rateLimited);
    const lines = await logsOf(db, RATE_LIMITED_RUN);
    const finishing = rateLimited.filter(
      (e) => (e.payload as { data: { phase: string } }).data.phase === 'finishing',
    ).length;
    assert.equal(finishing, 8);
    assert.deepEqual(
      lines.map((l) => [l.level, l.message]),
      [
        ...Array.from({ length: finishing }, () => [
          'error',
          'error: ⚠️ API rate limit reached. Please try again later.',
        ]),
        ['error', 'error: aborted | cron: job execution timed out (last phase: model-call-started)'],
      ],
    );
    assert.equal((await getAgentSessionByKey(db, RATE_LIMITED_RUN))?.status, 'error');
  });

  test('item 8: a tool call logged when it started (info) is an error once its result says isError; the run’s other lines stay info', async () => {
    const { db } = get();
    const mirror = new GatewayMirror(db, quiet);
    const toolError = recordedEvents('events-toolerror');
    const result = toolError.findIndex(
      (e) => e.event === 'session.tool' && (e.payload as { data: { phase: string } }).data.phase === 'result',
    );
    await mirror.handleAll(toolError.slice(0, result));
    const toolLine = async () =>
      (await logsOf(db, TOOL_ERROR_RUN)).find((l) => l.external_id === 'tool:call_mx9n1b2qs6ou70')!;
    assert.equal((await toolLine()).level, 'info');
    await mirror.handleAll(toolError.slice(result));
    assert.equal((await toolLine()).level, 'error');
    assert.match(JSON.stringify((await toolLine()).tool_output), /ENOENT/);
    const rest = (await logsOf(db, TOOL_ERROR_RUN)).filter((l) => l.external_id !== 'tool:call_mx9n1b2qs6ou70');
    assert.equal(rest.length, 3);
    assert.deepEqual(
      rest.map((l) => l.level),
      ['info', 'info', 'info'],
      'the prompt and the model’s messages (the run ended ok)',
    );
  });
});
