// The same session list in OpenClaw's own Control UI and in the studio (issue 21): a real lab gateway holding
// 1,000 sessions made through its own API (`sessions.create`, a few with a turn of the mock model), a studio
// bridged to it once it mirrors them all, then one Chromium opens the Control UI's sessions view
// (`/sessions#token=…`: its documented token hand-off, the browser paired as a loopback device) and the
// studio's /agents, one after the other. Per load: navigation start to the first session row drawn in the
// viewport (the Control UI's table row, not its sidebar; the studio's list row), and what the page fetched by
// then and once its network was quiet (requests, bytes on the wire including WebSocket frames). Cold: a new
// browser context each load (empty cache; the Control UI pairs a new device); warm: the same page again.
// The row is found by a probe evaluated as a string, which the Control UI's CSP refuses: both contexts bypass
// CSP. Figures, not pass/fail. SESSIONS=… and LOADS=… change the sizes.
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { until } from '@agent-studio/database/testing';
import { startLab, type Lab } from '../../../packages/gateway-bridge/test/lab/gateway';
import { launchBrowser, screenshot, startGatewayStudio, type RunningStudio } from '../e2e/harness';
import { startOperator, type LabOperator } from '../e2e/lab-operator';
import { pct } from './bench-studio';

const SESSIONS = Number(process.env.SESSIONS ?? 1000);
const LOADS = Number(process.env.LOADS ?? 5);
/** Sessions also given a turn of the mock model (a transcript, tokens), among the SESSIONS. */
const WITH_TURN = 10;
const CREATE_BATCH = 8;
const QUIET_MS = 1000;
const load = () =>
  `load ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`;

/**
 * In the page (a string: no bundler helpers): the first element matching `selector`, in the document or any
 * open shadow root, drawn inside the viewport with text starting with `prefix`; null until there is one.
 */
const FIRST_ROW = `window.__firstRow = (selector, prefix) => {
  const roots = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const el of roots[i].querySelectorAll(selector)) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.top < innerHeight && r.bottom > 0 && (el.textContent || '').trim().startsWith(prefix))
        return el;
    }
    for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  return null;
};`;

interface Target {
  name: string;
  url: string;
  /** A session row of the list, and what its text starts with. */
  selector: string;
  prefix: string;
  newContext(): Promise<BrowserContext>;
}

interface Wire {
  requests: number;
  bytes: number;
}

/** Requests and bytes received (HTTP bodies and headers as sent, WebSocket frames) of one page, from CDP. */
async function meter(page: Page): Promise<{ now(): Wire; cdp: CDPSession; lastActivity(): number }> {
  const cdp = await page.context().newCDPSession(page);
  const streamed = new Map<string, number>();
  const finished = new Map<string, number>();
  let requests = 0;
  let frames = 0;
  let last = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!e.request.url.startsWith('data:')) requests++;
    last = Date.now();
  });
  cdp.on('Network.webSocketCreated', () => {
    requests++;
    last = Date.now();
  });
  cdp.on('Network.dataReceived', (e) => {
    streamed.set(e.requestId, (streamed.get(e.requestId) ?? 0) + e.encodedDataLength);
    last = Date.now();
  });
  cdp.on('Network.loadingFinished', (e) => {
    finished.set(e.requestId, e.encodedDataLength);
    last = Date.now();
  });
  cdp.on('Network.webSocketFrameReceived', (e) => {
    frames += e.response.payloadData.length;
    last = Date.now();
  });
  await cdp.send('Network.enable');
  return {
    cdp,
    lastActivity: () => last,
    now() {
      let bytes = frames;
      for (const [id, n] of streamed) if (!finished.has(id)) bytes += n;
      for (const n of finished.values()) bytes += n;
      return { requests, bytes };
    },
  };
}

interface LoadFigures {
  ms: number;
  atRow: Wire;
  settled: Wire;
}

async function measure(page: Page, t: Target): Promise<LoadFigures> {
  const m = await meter(page);
  await page.goto(t.url, { waitUntil: 'commit' });
  const ms = await page
    .waitForFunction(
      `window.__firstRow(${JSON.stringify(t.selector)}, ${JSON.stringify(t.prefix)}) && performance.now()`,
      undefined,
      { polling: 'raf', timeout: 90_000 },
    )
    .then((h) => h.jsonValue() as Promise<number>)
    .catch(async (err: Error) => {
      // what the page drew instead, to say why
      const shot = await screenshot(page, `bench-control-ui-failed-${t.name.toLowerCase().replace(/\W+/g, '-')}`);
      const rows = await page.evaluate(
        `(() => { const roots = [document]; const out = []; for (let i = 0; i < roots.length; i++) { for (const el of roots[i].querySelectorAll('tr')) if (out.length < 4) out.push(el.outerHTML.slice(0, 300)); for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot); } return out.join('\\n'); })()`,
      );
      throw new Error(
        `no session row (${t.selector}) on ${page.url()}: ${err.message.split('\n')[0]}; the page: ${shot}\n${rows}`,
      );
    });
  const atRow = m.now();
  // what the page goes on fetching: until a quiet second (at most 20 s)
  const stop = Date.now() + 20_000;
  while (Date.now() - m.lastActivity() < QUIET_MS && Date.now() < stop) await new Promise((r) => setTimeout(r, 100));
  const settled = m.now();
  await m.cdp.detach();
  return { ms, atRow, settled };
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const wire = (xs: Wire[]) =>
  `${pct(
    xs.map((x) => x.requests),
    50,
  )} requests, ${kb(
    pct(
      xs.map((x) => x.bytes),
      50,
    ),
  )}`;

async function run(t: Target): Promise<{ cold: LoadFigures[]; warm: LoadFigures[]; shot: string }> {
  const cold: LoadFigures[] = [];
  const warm: LoadFigures[] = [];
  let ctx = await t.newContext();
  let page = await ctx.newPage();
  await measure(page, t); // to warm up the server (first render, first pairing)
  for (let i = 0; i < LOADS; i++) {
    await ctx.close();
    ctx = await t.newContext();
    page = await ctx.newPage();
    cold.push(await measure(page, t));
  }
  for (let i = 0; i < LOADS; i++) {
    const next = await ctx.newPage();
    await page.close();
    page = next;
    warm.push(await measure(page, t));
  }
  const shot = await screenshot(page, `bench-control-ui-${t.name.toLowerCase().replace(/\W+/g, '-')}`);
  await ctx.close();
  return { cold, warm, shot };
}

/** `fn` again while the gateway says it is overloaded (its worker queue is bounded; a busy machine fills it). */
async function politely<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= 30 || !/overloaded|capacity|rate limit/i.test((err as Error).message)) throw err;
      await new Promise((r) => setTimeout(r, Math.min(5_000, 200 * attempt)));
    }
  }
}

/** Makes `n` sessions through the gateway's own API; resolves when `sessions.list` counts them. */
async function makeSessions(op: LabOperator, n: number): Promise<number> {
  const gw = await op.ready();
  const t0 = Date.now();
  for (let i = 0; i < n; i += CREATE_BATCH)
    await Promise.all(
      Array.from({ length: Math.min(CREATE_BATCH, n - i) }, (_, j) => {
        const k = String(i + j + 1).padStart(4, '0');
        return politely(() =>
          gw.request(
            'sessions.create',
            { key: `agent:main:bench-${k}`, label: `bench session ${k}` },
            { timeoutMs: 120_000 },
          ),
        );
      }),
    );
  console.log(`  ${n} sessions made in ${((Date.now() - t0) / 1000).toFixed(0)} s (${load()})`);
  // a few with a turn of the mock model, so some rows have a transcript and tokens
  for (let i = 1; i <= WITH_TURN; i++) {
    const k = String(i * Math.floor(n / WITH_TURN)).padStart(4, '0');
    const idempotencyKey = randomUUID();
    await politely(() =>
      gw.request(
        'chat.send',
        { sessionKey: `agent:main:bench-${k}`, message: `bench turn ${k}`, idempotencyKey },
        { timeoutMs: 120_000 },
      ),
    );
  }
  const listed = await until(`the gateway to list ${n} bench sessions`, async () => {
    const r = await politely(() =>
      gw.request<{ totalCount?: number }>('sessions.list', { limit: 1, includeGlobal: true }),
    );
    return (r.totalCount ?? 0) >= n && r.totalCount;
  });
  console.log(`  ${listed} sessions on the gateway`);
  return listed;
}

/** Resolves when the studio's session list holds at least `n` sessions (paged through its API). */
async function mirrored(studio: RunningStudio, n: number): Promise<void> {
  const t0 = Date.now();
  await until(`the studio to mirror ${n} sessions`, async () => {
    let count = 0;
    let cursor: string | null = null;
    do {
      const res = await studio.fetch(
        `/api/agents/sessions?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      const page = (await res.json()) as { sessions: unknown[]; nextCursor: string | null };
      count += page.sessions.length;
      cursor = page.nextCursor;
    } while (cursor);
    return count >= n;
  });
  console.log(`  the studio mirrors them, ${((Date.now() - t0) / 1000).toFixed(0)} s after it served (${load()})`);
}

console.log(`Control UI and studio, the same ${SESSIONS.toLocaleString('en')} sessions (${load()})`);
const browser = await launchBrowser();
let lab: Lab | undefined;
let op: LabOperator | undefined;
let studio: RunningStudio | undefined;
try {
  // a new session queues a notice into the agent's Home conversation by default: not 1,000 of them
  lab = await startLab({ config: { session: { notifyOnCreate: false } } });
  op = startOperator(lab);
  await makeSessions(op, SESSIONS);
  studio = await startGatewayStudio(lab);
  await mirrored(studio, SESSIONS);

  const s = studio;
  const viewport = { width: 1280, height: 900 };
  const targets: Target[] = [
    {
      name: 'Control UI',
      url: `http://127.0.0.1:${lab.port}/sessions#token=${lab.token}`,
      selector: 'tr a.session-link, tr .session-key-cell__primary',
      prefix: 'agent:',
      newContext: async () => {
        const ctx = await browser.newContext({ viewport, locale: 'en-GB', bypassCSP: true });
        await ctx.addInitScript(FIRST_ROW);
        return ctx;
      },
    },
    {
      name: 'Studio',
      url: `${s.url}/agents`,
      selector: 'main a[href^="/agents/"]',
      prefix: '',
      newContext: async () => {
        const ctx = (await s.newPage(browser, { viewport, bypassCSP: true })).context();
        await ctx.addInitScript(FIRST_ROW);
        for (const p of ctx.pages()) await p.close();
        return ctx;
      },
    },
  ];
  const results = new Map<string, Awaited<ReturnType<typeof run>>>();
  for (const t of targets) {
    const r = await run(t).catch((err: Error) => {
      console.log(`  ${t.name}: could not be measured: ${err.message} (${load()})`);
      return null;
    });
    if (!r) continue;
    results.set(t.name, r);
    console.log(
      `  ${t.name.padEnd(10)} cold: first session row p50 ${pct(
        r.cold.map((x) => x.ms),
        50,
      ).toFixed(
        0,
      )} ms (${r.cold.map((x) => x.ms.toFixed(0)).join(', ')}); by then ${wire(r.cold.map((x) => x.atRow))}, settled ${wire(r.cold.map((x) => x.settled))} (${load()})`,
    );
    console.log(
      `  ${''.padEnd(10)} warm: first session row p50 ${pct(
        r.warm.map((x) => x.ms),
        50,
      ).toFixed(
        0,
      )} ms (${r.warm.map((x) => x.ms.toFixed(0)).join(', ')}); by then ${wire(r.warm.map((x) => x.atRow))}, settled ${wire(r.warm.map((x) => x.settled))} (${load()})`,
    );
    console.log(`  ${''.padEnd(10)} the page: ${r.shot}`);
  }
  const cui = results.get('Control UI');
  const studioR = results.get('Studio');
  if (!cui || !studioR) throw new Error('no ratio: one of the two could not be measured (above)');
  const ratio = (a: LoadFigures[], b: LoadFigures[]) =>
    (
      pct(
        a.map((x) => x.ms),
        50,
      ) /
      pct(
        b.map((x) => x.ms),
        50,
      )
    ).toFixed(1);
  console.log(
    `  ratio Control UI / studio, first session row p50: cold ${ratio(cui.cold, studioR.cold)}x, warm ${ratio(cui.warm, studioR.warm)}x`,
  );
} finally {
  await browser.close();
  await studio?.stop();
  await op?.stop();
  await lab?.stop();
}
