// Chat lines (chat-lines.ts): a burst in one write, the same lines again add nothing (nor their usage), and a
// line the database refuses is skipped alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_GATEWAY_ID, getAgentSessionByKey } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { silentLogger as quiet } from '../../src/logger';
import { ChatLines } from '../../src/mirror/chat-lines';
import { LiveMarks } from '../../src/mirror/live-order';
import type { MessageLine } from '../../src/mirror/translate';
import { recordedEvents } from '../recorded-gateway';
import { JOB_A_RUN3, ids, logsOf } from './frames';

describeEachDriver('chat lines', (get) => {
  test('a run’s messages are written once, their usage counted once, however often they come', async () => {
    const { db } = get();
    const chat = new ChatLines(db, quiet, new LiveMarks(), DEFAULT_GATEWAY_ID);
    const lines = recordedEvents('events-jobA-run3')
      .filter((e) => e.event === 'session.message')
      .flatMap((e) => chat.liveLine(e.payload) ?? []);
    assert.equal(lines.length, 3);
    assert.equal(await chat.write(lines), true);
    const usage = async () => (await getAgentSessionByKey(db, JOB_A_RUN3))!.token_usage as { total: number };
    const first = await usage();
    assert.equal(first.total, 98, 'two model calls of 49');
    assert.equal(await chat.writeHistory(lines), 0);
    assert.deepEqual(await usage(), first);
    assert.deepEqual(ids(await logsOf(db, JOB_A_RUN3)), [...new Set(lines.map((l) => l.line.externalId))]);
  });

  test('a line the database refuses (a NUL) is skipped and said; the others are kept', async () => {
    const { db } = get();
    const warnings: string[] = [];
    const chat = new ChatLines(db, { ...quiet, warn: (m) => warnings.push(m) }, new LiveMarks(), DEFAULT_GATEWAY_ID);
    const key = 'agent:main:nul-chat';
    const line = (id: string, message: string): MessageLine => ({
      key,
      line: { externalId: id, level: 'info', message, timestamp: new Date() },
      usage: null,
    });
    const ok = await chat.write([line('msg:a', 'one'), line('msg:b', 'a NUL \u0000 here'), line('msg:c', 'three')]);
    assert.equal(ok, false);
    assert.deepEqual(ids(await logsOf(db, key)), ['msg:a', 'msg:c']);
    assert.ok(
      warnings.some((w) => w.includes(key)),
      warnings.join(' | '),
    );
  });
});
