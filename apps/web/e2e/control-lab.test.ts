// Acting on a REAL OpenClaw gateway (the lab: openclaw 2026.9.6 offline on loopback, scripted mock model)
// from Chromium: the studio runs as `agent-studio studio`, finding the gateway through OpenClaw's config and
// the environment as an install does. Run now → the run finishes with its output; a two-agent swarm → both
// sub-agents in the tree; cancel a session whose model hangs → it shows cancelled; edit a schedule → the next runs change;
// a chat deleted on the gateway → its page says so.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';

import { until } from '@agent-studio/database/testing';

import { accessibilityViolations, screenshot, useLabStudio } from './harness';

const { studio, page, lab, op } = useLabStudio({ sharedPage: true });

const json = async (path: string) => (await studio().fetch(path)).json();

async function confirm(name: string) {
  await page().getByRole('button', { name, exact: true }).first().click();
  await page().getByRole('dialog').getByRole('button', { name, exact: true }).click();
}

/** Adds an agent-turn job through the gateway and resolves with the studio's id for it once mirrored. */
async function addJob(name: string, message: string, timeoutSeconds = 60): Promise<string> {
  const job = await (
    await op().ready()
  ).request<{ id: string }>('cron.add', {
    name,
    schedule: { kind: 'every', everyMs: 3_600_000 },
    sessionTarget: 'isolated',
    wakeMode: 'now',
    payload: { kind: 'agentTurn', message, timeoutSeconds },
    delivery: { mode: 'none' },
  });
  const mirrored = await until(`job ${name} in the studio`, async () =>
    (await json('/api/cron/jobs')).jobs.find((j: { name: string }) => j.name === name),
  );
  assert.ok(job.id);
  return mirrored.id as string;
}

test('Run now: the run finishes on the gateway and its output shows', async () => {
  const marker = `E2E-RUN-${randomUUID().slice(0, 8)}`;
  lab().mock.script({ when: marker, reply: { text: `E2E report ready ${marker}.`, delayMs: 20 } });
  const name = `e2e run ${marker}`;
  const id = await addJob(name, `Write the e2e report ${marker}`);
  await page().goto(`${studio().url}/cron/${id}`);
  await confirm('Run now');
  await page().getByRole('status').filter({ hasText: 'Run started.' }).waitFor();
  const history = page().getByRole('region', { name: 'Run history' });
  await history.getByRole('link').first().click();
  await page().waitForURL(/\/cron\/runs\//);
  await page().getByRole('region', { name: 'Details' }).getByText(`E2E report ready ${marker}.`).waitFor();
  await page().getByText('completed', { exact: true }).first().waitFor();
  await screenshot(page(), 'lab-run-now');
});

test('a two-agent swarm from the launcher: both sub-agents appear in the tree', async () => {
  const marker = `E2E-SWARM-${randomUUID().slice(0, 8)}`;
  const [a, b] = [`alpha-${marker.slice(-8)}`, `beta-${marker.slice(-8)}`];
  // the parent turn spawns one sub-agent per model call (OpenClaw's sessions_spawn tool, called through its
  // deferred `tool_call`), then reports
  lab().mock.script({
    when: (r) => r.userText.includes(marker) && !r.afterTool,
    reply: { tool: 'sessions_spawn', args: { task: 'Check the headline', label: a } },
  });
  lab().mock.script({
    when: (r) => r.userText.includes(marker) && r.afterTool !== null,
    reply: { tool: 'sessions_spawn', args: { task: 'Check the links', label: b } },
  });
  await page().goto(`${studio().url}/agents`);
  await page().getByRole('button', { name: 'Launch swarm' }).click();
  const dialog = page().getByRole('dialog');
  await dialog.getByLabel('Task').fill(`Review the launch page ${marker}`);
  await dialog.getByLabel('Agents (comma-separated)').fill(`${a}, ${b}`);
  await dialog.getByRole('button', { name: 'Launch' }).click();
  await page().getByRole('status').filter({ hasText: 'Swarm of 2 queued' }).waitFor();
  const parent = await until('the swarm’s parent session with both children', async () => {
    const sessions = (await json('/api/agents/sessions?limit=200')).sessions as {
      id: string;
      agentName: string;
      parentSessionId: string | null;
      sessionKey: string;
    }[];
    const children = sessions.filter((s) => s.agentName === a || s.agentName === b);
    return (
      children.length === 2 &&
      children[0]!.parentSessionId &&
      children[0]!.parentSessionId === children[1]!.parentSessionId &&
      children[0]!.parentSessionId
    );
  });
  await page().goto(`${studio().url}/agents/${parent}`);
  const tree = page().getByRole('region', { name: 'Swarm' });
  await tree.getByRole('link', { name: a }).waitFor();
  await tree.getByRole('link', { name: b }).waitFor();
  await screenshot(page(), 'lab-swarm-tree');
});

test('cancel a session whose model hangs: it stops, and the activity log says so', async () => {
  const marker = `E2E-HANG-${randomUUID().slice(0, 8)}`;
  const removeRule = lab().mock.script({ when: marker, reply: { hang: true }, times: Infinity });
  try {
    const id = await addJob(`e2e hang ${marker}`, `Think forever ${marker}`, 120);
    await studio().fetch(`/api/cron/jobs/${id}/trigger`, { method: 'POST' });
    const session = await until('the hanging run’s session running', async () => {
      const sessions = (await json('/api/agents/sessions?status=running&limit=200')).sessions as {
        id: string;
        cronJobId: string | null;
      }[];
      return sessions.find((s) => s.cronJobId === id);
    });
    await until('the model was asked', async () => lab().mock.requestsFor(marker).length > 0);
    await page().goto(`${studio().url}/agents/${session.id}`);
    const status = page().locator('main h1 + *');
    assert.equal(await status.innerText(), 'running');
    await confirm('Cancel session');
    // 'Cancelled.', or 'Cancel queued for the bridge.' when the bridge is busy with the run it started
    // once the session stops the button goes, and what it said stays
    const said = page()
      .getByRole('status')
      .filter({ hasText: /^(Cancel|The session|Could not|That did not)/ });
    await said.waitFor();
    assert.match(await said.innerText(), /^Cancel/);
    await until(
      'the session cancelled',
      async () => (await json(`/api/agents/sessions/${session.id}`)).session.status === 'cancelled',
    );
    await until('the page shows it cancelled', async () => (await status.innerText()) === 'cancelled');
    await page().goto(`${studio().url}/activity?kind=session`);
    const entry = page().getByRole('region', { name: 'Actions' }).getByRole('listitem').first();
    await entry.getByText('Cancel session').waitFor();
    await entry.getByText('succeeded').waitFor();
    await entry.getByText('owner').waitFor();
    // and which bridge ran it (the studio's own: bridge@ its host)
    await entry.getByText(/ran by bridge@/).waitFor();
    await screenshot(page(), 'lab-activity');
    assert.deepEqual(await accessibilityViolations(page()), []);
  } finally {
    removeRule();
  }
});

test('edit a job’s schedule: the next five runs are previewed, then change on the job page', async () => {
  const id = await addJob(`e2e edit ${randomUUID().slice(0, 8)}`, 'Edit my schedule');
  await page().goto(`${studio().url}/cron/${id}`);
  const nextRuns = page().getByRole('region', { name: 'Next runs' });
  await nextRuns.getByRole('listitem').first().waitFor();
  const at0815 = async () => (await nextRuns.innerText()).split('08:15').length - 1;
  // hourly from now: one of the five may fall at 08:15 (a job added at a quarter past), not all of them
  assert.ok((await at0815()) < 5, 'hourly from now, not daily at 08:15');
  await page().getByRole('button', { name: 'Edit' }).click();
  const dialog = page().getByRole('dialog');
  await dialog.getByLabel('On a cron schedule').check();
  await dialog.getByLabel('Cron expression').fill('15 8 * * *');
  await dialog.getByLabel('Time zone').fill('Mars/Olympus');
  await dialog.getByRole('alert').filter({ hasText: 'not a time zone' }).waitFor();
  assert.equal(await dialog.getByRole('button', { name: 'Save' }).isDisabled(), true);
  await dialog.getByLabel('Time zone').fill('Asia/Tokyo');
  const preview = dialog.getByRole('region', { name: 'Preview' });
  await preview.getByText('At 08:15').waitFor();
  assert.equal((await preview.getByRole('listitem').allInnerTexts()).filter((t) => t.includes('08:15')).length, 5);
  await screenshot(page(), 'lab-edit-job');
  assert.deepEqual(await accessibilityViolations(page()), []);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page().getByRole('status').filter({ hasText: 'Saved in OpenClaw.' }).waitFor();
  await until('the next runs at 08:15 Tokyo time', async () => (await at0815()) === 5);
  await page().getByText('Asia/Tokyo', { exact: true }).waitFor();
  const job = (await json(`/api/cron/jobs/${id}`)).job;
  assert.equal(job.schedule, '15 8 * * *');
  assert.equal(job.timezone, 'Asia/Tokyo');
});

/** A chat with the owner's assistant on the gateway, once the studio has it with its answer. */
async function answeredChat(what: string) {
  const marker = `E2E-${what}-${randomUUID().slice(0, 8)}`;
  const sessionKey = `agent:main:${marker.toLowerCase()}`;
  lab().mock.script({ when: marker, reply: { text: `Answered ${marker}.` } });
  const gw = await op().ready();
  await gw.request('chat.send', { sessionKey, message: `Say ${marker}`, idempotencyKey: randomUUID() });
  const session = await until('the chat in the studio with its answer', async () => {
    const { sessions } = await json('/api/agents/sessions?type=singleton&limit=200');
    const s = (sessions as { id: string; sessionKey: string }[]).find((x) => x.sessionKey === sessionKey);
    const lines = s && (await (await studio().fetch(`/api/agents/sessions/${s.id}/logs/lines?limit=20`)).text());
    return lines?.includes(`Answered ${marker}`) && s;
  });
  return { marker, sessionKey, gw, session };
}

test('a chat OpenClaw deletes: its page says so and keeps its lines', async () => {
  const { marker, sessionKey, gw, session } = await answeredChat('DELETE');
  await gw.request('sessions.delete', { key: sessionKey });
  const deleted = await until('the chat marked as deleted', async () => {
    const { session: s } = await json(`/api/agents/sessions/${session.id}`);
    return s?.removedAt && s;
  });
  assert.ok(deleted.sessionKey.startsWith(`${sessionKey}#deleted-`), deleted.sessionKey);

  await page().goto(`${studio().url}/agents/${session.id}`);
  const details = page().getByRole('region', { name: 'Details' });
  assert.match(
    await details.locator('dt:text-is("Deleted") + dd').innerText(),
    /^OpenClaw deleted this session; the studio learned of it (just now|.+ ago) and keeps its record$/,
  );
  await page().getByRole('region', { name: 'Log' }).getByText(`Answered ${marker}`).waitFor();
  await screenshot(page(), 'agent-session-deleted');
  assert.deepEqual(await accessibilityViolations(page()), []);
});

test('a chat OpenClaw archives: its page and the list say so, live; restored, they no longer do', async () => {
  // answered first: archiving a session mid-run aborts the run
  const { sessionKey, gw, session } = await answeredChat('ARCHIVE');
  const { sessions: listed } = await gw.request<{ sessions: { key: string; sessionId: string }[] }>('sessions.list', {
    limit: 500,
  });
  const expectedSessionId = listed.find((s) => s.key === sessionKey)!.sessionId;

  await page().goto(`${studio().url}/agents/${session.id}`);
  const details = page().getByRole('region', { name: 'Details' });
  const archivedLine = details.locator('dt:text-is("Archived") + dd');
  await gw.request('sessions.patch', { key: sessionKey, archived: true, expectedSessionId });
  await archivedLine.waitFor();
  assert.match(
    await archivedLine.innerText(),
    /^OpenClaw archived this session (just now|.+ ago), by hand: it is still there, out of its default lists, and can be restored$/,
  );
  await page().getByText('archived', { exact: true }).waitFor();
  await screenshot(page(), 'agent-session-archived');
  assert.deepEqual(await accessibilityViolations(page()), []);
  const { session: api } = await json(`/api/agents/sessions/${session.id}`);
  assert.equal(api.archiveReason, 'manual');

  await page().goto(`${studio().url}/agents?type=singleton`);
  const row = page().locator(`a[href="/agents/${session.id}"]`);
  await row.getByText('archived in OpenClaw').waitFor();
  await screenshot(page(), 'agents-list-archived');

  await gw.request('sessions.patch', { key: sessionKey, archived: false, expectedSessionId });
  await row.getByText('archived in OpenClaw').waitFor({ state: 'detached' });
  await page().goto(`${studio().url}/agents/${session.id}`);
  await details.getByText('Session key').waitFor();
  assert.equal(await archivedLine.count(), 0);
});
