// The session list (sessions.ts; read after runs finish and on every reconcile): what changed is written in one
// transaction; a row the database refuses is skipped alone, and listed again next time; after a connect, what the
// whole list no longer names is marked deleted.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { createGateway, DEFAULT_GATEWAY_ID, getAgentSessionByKey } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import type { GatewayCalls } from '../../src/commands/context';
import { GatewayError } from '../../src/gateway/client';
import { silentLogger as quiet } from '../../src/logger';
import { GatewayMirror } from '../../src/mirror/gateway-mirror';
import { inTurn, LiveMarks } from '../../src/mirror/live-order';
import { SessionList } from '../../src/mirror/sessions';
import { listSessionsPage, RecordedGateway, reconcileAnswers, rows, type Row } from '../recorded-gateway';
import { asFirstConnect } from './frames';

describeEachDriver('mirror: the session list', (get) => {
  test('changed sessions land together; one the database refuses is skipped and tried again', async () => {
    const { db } = get();
    const warnings: string[] = [];
    const list = new SessionList(db, { ...quiet, warn: (m) => warnings.push(m) }, new LiveMarks(), DEFAULT_GATEWAY_ID);
    const at = Date.now();
    const sessions = [
      { key: 'agent:main:one', label: 'one', createdAt: at, updatedAt: at },
      { key: 'agent:main:nul', label: 'a NUL \u0000 Postgres cannot store', createdAt: at, updatedAt: at },
      { key: 'agent:main:two', label: 'two', createdAt: at, updatedAt: at },
    ];
    const gw: GatewayCalls = { supports: () => true, request: async <T>() => ({ sessions }) as T };

    assert.equal((await list.reconcile(gw)).listed, 3);
    assert.equal((await getAgentSessionByKey(db, 'agent:main:one'))?.agent_name, 'one');
    assert.equal((await getAgentSessionByKey(db, 'agent:main:two'))?.agent_name, 'two');
    assert.equal(await getAgentSessionByKey(db, 'agent:main:nul'), null);
    assert.ok(
      warnings.some((w) => w.includes('agent:main:nul')),
      warnings.join(' | '),
    );

    // unchanged rows are not written again; the refused one is
    assert.deepEqual(
      (await list.listChanged(gw)).changed.map((s) => s.key),
      ['agent:main:nul'],
    );
    // alone in a step, it is still only skipped: the reconcile goes on
    warnings.length = 0;
    assert.equal((await list.reconcile(gw)).listed, 3);
    assert.ok(
      warnings.some((w) => w.includes('agent:main:nul')),
      warnings.join(' | '),
    );
    sessions[0]!.updatedAt = at + 1;
    assert.deepEqual(
      (await list.listChanged(gw)).changed.map((s) => s.key),
      ['agent:main:one', 'agent:main:nul'],
    );
  });
  test('item 12: every page of sessions.list is mirrored (1,265 sessions), and a later pass asks only the pages updated since', async () => {
    const { db } = get();
    const mirror = new GatewayMirror(db, quiet);
    await asFirstConnect(db);
    // the recorded row of a chat that is done, 1,265 times: a key, session id and update time each (a minute apart)
    const template = rows('sessions-list-chat-done')[0]!;
    const now = Date.now();
    const sessions: Row[] = Array.from({ length: 1265 }, (_, i) => ({
      ...template,
      key: `agent:main:lab-${i}`,
      sessionId: randomUUID(),
      updatedAt: now - i * 60_000,
    }));
    const gw = new RecordedGateway(reconcileAnswers({ runs: [], sessions }));
    await mirror.reconcile(gw);
    const [count] = await db.query<{ n: number }>(
      "select count(*)::int as n from agent_sessions where session_key like 'agent:main:lab-%'",
    );
    assert.equal(count?.n, 1265);
    assert.ok(gw.callsOf('sessions.list').every((c) => !('cursor' in c.params)));

    // three sessions ran again: they move to the top of the list
    for (const [i, s] of [sessions[700]!, sessions[1000]!, sessions[1264]!].entries())
      Object.assign(s, { updatedAt: Date.now() + 1000 + i, inputTokens: 42, outputTokens: 7 });
    gw.calls.length = 0;
    await mirror.reconcile(gw);
    assert.equal(gw.callsOf('sessions.list').length, 1, JSON.stringify(gw.calls));
    const changed = (await getAgentSessionByKey(db, 'agent:main:lab-1264'))!;
    assert.deepEqual(
      [(changed.token_usage as { input: number }).input, (changed.token_usage as { output: number }).output],
      [42, 7],
    );
  });
  test('after a connect the whole list is read: a session it no longer names is marked deleted, one that moved up while the pages were read is not', async () => {
    const { db } = get();
    // a gateway of its own: no checkpoint of another test's
    const gateway = await createGateway(db, `whole-list-${randomUUID().slice(0, 8)}`);
    const list = new SessionList(db, quiet, new LiveMarks(), gateway.id);
    const session = (key: string) => getAgentSessionByKey(db, key, gateway.id);
    const template = rows('sessions-list-chat-done')[0]!;
    const now = Date.now() - 86_400_000;
    const tag = randomUUID().slice(0, 8);
    // three pages of 500, a minute apart
    let sessions: Row[] = Array.from({ length: 1100 }, (_, i) => ({
      ...template,
      key: `agent:main:whole-${tag}-${i}`,
      sessionId: randomUUID(),
      updatedAt: now - i * 60_000,
    }));
    let onSecondPage = () => {};
    const gw: GatewayCalls = {
      supports: () => true,
      request: async <T>(method: string, params?: unknown) => {
        assert.equal(method, 'sessions.list');
        const p = (params ?? {}) as Record<string, unknown>;
        if (p.offset === 500) onSecondPage();
        return listSessionsPage(sessions, p) as T;
      },
    };
    await list.reconcile(gw, inTurn, { everyPage: true });
    const key = (i: number) => `agent:main:whole-${tag}-${i}`;
    assert.ok(await session(key(1050)));

    // deleted while the studio was away: no longer listed
    sessions = sessions.filter((s) => s.key !== key(3));
    // and one on the last page runs again while the first page has been read: it moves to the top, the pages
    // after shift by one, and it is on none of the pages read
    onSecondPage = () =>
      Object.assign(
        sessions.find((s) => s.key === key(1050))!,
        { updatedAt: Date.now() },
      );
    const { deleted } = await list.reconcile(gw, inTurn, { everyPage: true });
    assert.equal(deleted, 1);
    assert.equal(await session(key(3)), null, 'marked deleted: its key set aside');
    const [marked] = await db.query<{ session_key: string }>(
      'select session_key from agent_sessions where removed_at is not null and gateway_id = $1',
      [gateway.id],
    );
    assert.ok(marked?.session_key.startsWith(`${key(3)}#deleted-`), marked?.session_key);
    assert.equal((await session(key(1050)))?.removed_at, null, 'the one that moved up is there');

    // a pass that is not after a connect reads only what changed, and marks nothing
    sessions = sessions.filter((s) => s.key !== key(4));
    assert.equal((await list.reconcile(gw)).deleted, 0);
    assert.ok(await session(key(4)));
  });
  test('a session OpenClaw’s maintenance archived (its update time kept) is shown archived by the next pass that reads every page: once an hour', async () => {
    const { db } = get();
    const gateway = await createGateway(db, `maintenance-${randomUUID().slice(0, 8)}`);
    const now = Date.now();
    const idle = now - 40 * 86_400_000;
    const key = `agent:main:idle-${randomUUID().slice(0, 8)}`;
    let old: Record<string, unknown> = { key, sessionId: 'idle', createdAt: idle, updatedAt: idle, archived: false };
    const recent = { key: `${key}-recent`, sessionId: 'recent', createdAt: now, updatedAt: now, archived: false };
    const gw: GatewayCalls = { supports: () => true, request: async <T>() => ({ sessions: [recent, old] }) as T };
    const hourly = new SessionList(db, quiet, new LiveMarks(), gateway.id);
    await (await hourly.reconcile(gw, inTurn, { everyPage: true })).done();
    // as OpenClaw 2026.9.6's maintenance archives one idle past its retention: archivedAt set, updatedAt as it was,
    // and no sessions.changed event (seen in the lab with session.maintenance.pruneAfter '5s': 'age-retention')
    old = { ...old, archived: true, archivedAt: now, archiveReason: 'age-retention' };
    await (await hourly.reconcile(gw)).done();
    const shown = async () => (await getAgentSessionByKey(db, key, gateway.id))?.archive_reason ?? null;
    assert.equal(await shown(), null, 'a pass over what changed since the last one does not see it');
    const due = new SessionList(db, quiet, new LiveMarks(), gateway.id, 0);
    await (await due.reconcile(gw)).done();
    assert.equal(await shown(), 'age-retention', 'a pass over every page does');
  });
  test('archived sessions and the one keyed `unknown` are asked for too; a gateway that refuses the parameter (before archiving) is asked without it', async () => {
    const { db } = get();
    const gateway = await createGateway(db, `archived-${randomUUID().slice(0, 8)}`);
    const list = new SessionList(db, quiet, new LiveMarks(), gateway.id);
    const at = Date.now();
    const sessions = [{ key: `agent:main:old-gateway-${randomUUID().slice(0, 8)}`, createdAt: at, updatedAt: at }];
    const asked: unknown[] = [];
    const gw: GatewayCalls = {
      supports: () => true,
      request: async <T>(_method: string, params?: unknown) => {
        const { archived, includeUnknown } = params as { archived?: unknown; includeUnknown?: unknown };
        asked.push([archived, includeUnknown]);
        // OpenClaw's parameter schemas are closed: an unknown property is an invalid request
        if ((params as { archived?: unknown }).archived !== undefined)
          throw new GatewayError('INVALID_REQUEST', 'invalid sessions.list params', false);
        return { sessions } as T;
      },
    };
    assert.equal((await list.reconcile(gw, inTurn, { everyPage: true })).listed, 1);
    assert.deepEqual(asked, [
      ['all', true],
      [undefined, undefined],
    ]);
    assert.ok(await getAgentSessionByKey(db, sessions[0]!.key, gateway.id));
  });
  test("a cron run's row read while it ran is written again when it ends: OpenClaw keeps its updatedAt, the cost comes later", async () => {
    const { db } = get();
    const list = new SessionList(db, quiet, new LiveMarks(), DEFAULT_GATEWAY_ID);
    // the same job's row, read from a real gateway while its run went on and once it had ended
    const [running, done] = [rows('sessions-list-cron-running')[0]!, rows('sessions-list-cron-done')[0]!];
    assert.equal(running.updatedAt, done.updatedAt);
    assert.equal(running.sessionId, done.sessionId);
    let answer = running;
    const gw: GatewayCalls = { supports: () => true, request: async <T>() => ({ sessions: [answer] }) as T };
    const key = `${String(running.key)}:run:${String(running.sessionId)}`;

    // read after another run ended, while this one still goes on: no cost yet
    await list.record((await list.listChanged(gw)).changed);
    assert.equal((await getAgentSessionByKey(db, key))?.cost_usd ?? null, null);
    // read again after it ended: the same updatedAt, now with its tokens and cost
    answer = done;
    const { changed } = await list.listChanged(gw);
    assert.deepEqual(
      changed.map((s) => s.key),
      [running.key],
    );
    await list.record(changed);
    assert.equal(Number((await getAgentSessionByKey(db, key))?.cost_usd), done.estimatedCostUsd);
  });
});
