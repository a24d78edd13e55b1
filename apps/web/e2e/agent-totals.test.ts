// A swarm's root shows what the whole swarm used, next to its own figures: on /agents and on its session page
// (the demo spawns swarms; one is started through the API too, so one finishes soon).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { until } from '@agent-studio/database/testing';
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
