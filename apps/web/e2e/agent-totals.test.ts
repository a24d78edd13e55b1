// A swarm's root shows what the whole swarm used, next to its own figures: on /agents and on its session page
// (the demo spawns swarms; one is started through the API too, so one finishes soon). A chat OpenClaw reset shows
// as two sessions that link each other.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { until } from '@agent-studio/database/testing';
import { SIM_MODEL_COST } from '@agent-studio/gateway-bridge/simulator/gateway-simulator';
import { usd } from '@/lib/format';
import { accessibilityViolations, screenshot, useDemoStudio } from './harness';

const { studio, browser } = useDemoStudio();

interface Listed {
  id: string;
  agentName: string;
  costUsd: number | null;
  parentSessionId: string | null;
  subtree: {
    subAgents: number;
    costUsd: number | null;
    tokenUsage: { total: number };
    durationMs: number;
    running: boolean;
  };
}

test('a finished swarm root: its own cost, and its subtree’s cost, tokens and duration, in the list and on its page', async () => {
  const spawn = await studio().fetch('/api/agents/swarm/spawn', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ task: 'Compare two pricing pages', agents: ['pricing-a', 'pricing-b'] }),
  });
  assert.equal(spawn.status, 202, await spawn.text());
  const root = await until('a swarm whose sub-agents all finished', async () => {
    const { sessions } = (await (await studio().fetch('/api/agents/sessions?limit=200')).json()) as {
      sessions: Listed[];
    };
    return sessions.find(
      (s) =>
        !s.parentSessionId &&
        s.subtree.subAgents >= 2 &&
        !s.subtree.running &&
        (s.subtree.costUsd ?? 0) > (s.costUsd ?? 0),
    );
  });
  const t = root.subtree;
  const line = `With ${t.subAgents} sub-agents: ${usd(t.costUsd)} · ${t.tokenUsage.total.toLocaleString('en')} tokens`;

  const page = await studio().newPage(browser(), { viewport: { width: 1280, height: 900 } });
  await page.goto(`${studio().url}/agents`);
  const row = page.getByRole('region', { name: 'Recent' }).locator(`a[href="/agents/${root.id}"]`);
  await row.waitFor();
  const text = await row.innerText();
  assert.ok(text.includes(line), `${line} in: ${text}`);
  assert.ok(text.includes(`${usd(root.costUsd)} own`), text);
  await row.scrollIntoViewIfNeeded();
  await screenshot(page, 'agents-swarm-totals');
  assert.deepEqual(await accessibilityViolations(page), []);

  await row.click();
  const details = page.getByRole('region', { name: 'Details' });
  await details.waitFor();
  const cost = await details.locator('dt:text-is("Cost") + dd').innerText();
  assert.equal(cost, `${usd(root.costUsd)} own · ${usd(t.costUsd)} with ${t.subAgents} sub-agents`);
  assert.match(
    await details.locator('dt:text-is("Tokens") + dd').innerText(),
    new RegExp(`${t.tokenUsage.total.toLocaleString('en')} \\(.+ in, .+ out.*\\) with ${t.subAgents} sub-agents`),
  );
  assert.match(
    await details.locator('dt:text-is("Duration") + dd').innerText(),
    new RegExp(` own · .+ with ${t.subAgents} sub-agents$`),
  );
  await screenshot(page, 'agent-session-swarm-totals');
  assert.deepEqual(await accessibilityViolations(page), []);

  // a sub-agent's page tells the whole swarm's figures under the tree
  await page.getByRole('region', { name: 'Swarm' }).getByRole('link').first().click();
  await page
    .getByRole('region', { name: 'Swarm' })
    .getByText(`Whole swarm, ${t.subAgents} sub-agents: ${usd(t.costUsd)}`)
    .waitFor();
  await screenshot(page, 'agent-subagent-swarm-totals');
  await page.close();
});

test('a chat OpenClaw reset: its session holds the new conversation and links the one before, kept with its lines and cost', async () => {
  type Chat = Listed & { continuedBy: string | null; sessionKey: string };
  // the demo's owner writes again, after a reset, once the studio has read the chat (simulator: demo-activity)
  const { earlier, current } = await until('the owner’s chat split at its reset', async () => {
    let chats: Chat[] = [];
    for (let cursor: string | null = '', pages = 0; cursor != null && pages < 20; pages++) {
      const res = (await (
        await studio().fetch(`/api/agents/sessions?type=singleton&limit=200${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()) as { sessions: Chat[]; nextCursor: string | null };
      chats = [...chats, ...res.sessions.filter((s) => s.agentName === 'Owner chat')];
      cursor = res.nextCursor;
    }
    const before = chats.find((s) => s.continuedBy);
    const now = before && chats.find((s) => s.id === before.continuedBy);
    return now && { earlier: before, current: now };
  });
  // the two turns before the reset, priced at the simulated model's rates
  const cost =
    (2_400 * SIM_MODEL_COST.input +
      180 * SIM_MODEL_COST.output +
      2_900 * SIM_MODEL_COST.input +
      60 * SIM_MODEL_COST.output) /
    1e6;
  assert.ok(
    Math.abs((earlier.costUsd ?? 0) - cost) < 1e-9,
    `earlier conversation $${earlier.costUsd}, its turns $${cost}`,
  );
  assert.equal(earlier.sessionKey.split('#')[0], current.sessionKey);

  const page = await studio().newPage(browser(), { viewport: { width: 1280, height: 900 } });
  await page.goto(`${studio().url}/agents/${current.id}`);
  const log = page.getByRole('region', { name: 'Log' });
  await log.getByText('Good morning. What ran overnight?').waitFor();
  assert.equal(await log.getByText('Which jobs failed today').count(), 0, 'the conversation before is not in this one');
  const before = page.getByRole('region', { name: 'Details' }).locator('dt:text-is("Before reset") + dd');
  await screenshot(page, 'agent-session-after-reset');
  assert.deepEqual(await accessibilityViolations(page), []);

  await before.getByRole('link').click();
  await page.waitForURL(`**/agents/${earlier.id}`);
  await page.getByRole('region', { name: 'Log' }).getByText('Which jobs failed today, and why?').waitFor();
  const details = page.getByRole('region', { name: 'Details' });
  assert.equal(await details.locator('dt:text-is("Cost") + dd').innerText(), usd(cost));
  assert.equal(
    await details.locator('dt:text-is("Task") + dd').innerText(),
    'Drafted: it is in Content, waiting for your review.',
    'what the conversation ended with',
  );
  assert.match(await details.locator('dt:text-is("Reset") + dd').innerText(), /goes on in the current conversation/);
  await screenshot(page, 'agent-session-before-reset');
  await details.getByRole('link', { name: 'the current conversation' }).click();
  await page.waitForURL(`**/agents/${current.id}`);
  await page.close();
});
