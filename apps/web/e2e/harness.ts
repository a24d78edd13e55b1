// End-to-end harness: the real studio in a child process (`agent-studio demo`: simulator, bridge, web, PGlite
// in a temp folder; or `agent-studio studio` bridged to a real OpenClaw gateway, the lab), driven by Debian's
// Chromium through playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { TEST_DEADLINE_MS, until } from '@agent-studio/database/testing';
import { startLab, type Lab, type LabOptions } from '../../../packages/gateway-bridge/test/lab/gateway';
import { startOperator, type LabOperator } from './lab-operator';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const SCREENSHOT_DIR = join(ROOT, '.cache/screenshots');

export const OWNER_PASSWORD = 'e2e owner password';
/** How long any wait of a page may take before the test is taken as hung: the tests' one deadline. */
export const E2E_DEADLINE_MS = TEST_DEADLINE_MS;

export interface RunningStudio {
  url: string;
  dataDir: string;
  /** The studio's process (web, bridge and, for the demo, the simulator: one process). */
  pid: number;
  /** The owner's session cookie (`name=value`), from the setup link the studio printed. */
  cookie: string;
  /** A page in a fresh context, signed in as the owner. */
  newPage(browser: Browser, options?: BrowserContextOptions): Promise<Page>;
  /** fetch() against the studio, signed in. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  output: () => string;
  stop(): Promise<number | null>;
  /** SIGKILL: no shutdown at all (the data folder is kept for inspection; `remove()` deletes it). */
  kill(): Promise<void>;
  remove(): void;
}

/** The OpenClaw gateway a studio is bridged to (what the lab's `startLab()` gives). */
export interface GatewayUnderTest {
  url: string;
  token: string;
  configPath: string;
  workspaceDir: string;
}

/**
 * Starts `agent-studio demo` on a free port (`env`: more configuration) and resolves once it serves with the
 * demo's starting state in: every content file it wrote imported and its sessions mirrored. The demo serves
 * while the bridge still imports; a test that read the content at once found none on a busy machine.
 */
export async function startDemoStudio(env: Record<string, string> = {}): Promise<RunningStudio> {
  const studio = await startStudio('demo', env);
  const files = readdirSync(join(studio.dataDir, 'workspace/gtm'), { recursive: true }).filter((f) =>
    String(f).endsWith('.md'),
  ).length;
  try {
    await until(`the demo's ${files} content files imported and its sessions mirrored`, async () => {
      const content = (await (await studio.fetch('/api/gtm/outputs?limit=100')).json()) as { total: number };
      const agents = (await (await studio.fetch('/api/agents/sessions?limit=1')).json()) as { sessions: unknown[] };
      return content.total >= files && agents.sessions.length > 0;
    });
  } catch (err) {
    await studio.stop();
    throw err;
  }
  return studio;
}

/** Starts `agent-studio studio` bridged to `gateway` (found the way an install finds it: config and env). */
export function startGatewayStudio(gateway: GatewayUnderTest): Promise<RunningStudio> {
  return startStudio('studio', {
    OPENCLAW_CONFIG_PATH: gateway.configPath,
    OPENCLAW_GATEWAY_URL: gateway.url,
    OPENCLAW_GATEWAY_TOKEN: gateway.token,
    OPENCLAW_WORKSPACE: gateway.workspaceDir,
  });
}

/** Starts `agent-studio studio` with exactly this OpenClaw environment (a wrong port, token or config path). */
export function startStudioWithEnv(env: Record<string, string>): Promise<RunningStudio> {
  return startStudio('studio', env);
}

async function startStudio(command: 'demo' | 'studio', env: Record<string, string>): Promise<RunningStudio> {
  const dataDir = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin/agent-studio.mjs'), command, '--port', '0'], {
    env: { ...process.env, STUDIO_DATA_DIR: dataDir, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`studio exited (${code}) before serving:\n${out}`))),
  );
  /** Resolves with the first match of `pattern` in the studio's output. */
  const waitFor = (pattern: RegExp) =>
    Promise.race([
      exited,
      new Promise<RegExpExecArray>((resolve, reject) => {
        // ~20 s on a quiet machine; three test files starting studios at once on 2 overloaded cores took over 240 s
        const timer = setTimeout(
          () => reject(new Error(`studio did not print ${pattern} within ${TEST_DEADLINE_MS / 1000} s:\n${out}`)),
          TEST_DEADLINE_MS,
        );
        const check = () => {
          const m = pattern.exec(out);
          if (!m) return;
          clearTimeout(timer);
          child.stdout!.off('data', check);
          resolve(m);
        };
        child.stdout!.on('data', check);
        check();
      }),
    ]);
  exited.catch(() => {}); // observed through waitFor only
  let url: string;
  let cookie: string;
  try {
    url = (await waitFor(/running at (http:\/\/\S+)/))[1]!;
    const setup = await waitFor(/setup\?token=(\S+)/);
    const res = await fetch(`${url}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: setup[1], password: OWNER_PASSWORD }),
    });
    if (!res.ok) throw new Error(`setting the owner password failed: ${res.status} ${await res.text()}`);
    cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  } catch (err) {
    // a studio that did not come up must not outlive the test run
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const [cookieName, cookieValue] = cookie.split('=') as [string, string];
  return {
    url,
    dataDir,
    pid: child.pid!,
    cookie,
    async newPage(browser, options) {
      // Reduced motion: axe reads a toast mid-fade as low contrast; at rest it is fine. The studio writes dates
      // in the browser's locale: the tests read en-GB's (4 Dec 2026, 13:05) unless they choose another.
      const context = await browser.newContext({ reducedMotion: 'reduce', locale: 'en-GB', ...options });
      // one generous deadline for every wait, that only ends a hung test: a busy machine is slow, not wrong
      context.setDefaultTimeout(E2E_DEADLINE_MS);
      await context.addCookies([{ name: cookieName, value: cookieValue, url }]);
      return context.newPage();
    },
    async fetch(path, init) {
      const request = () => fetch(`${url}${path}`, { ...init, headers: { cookie, ...init?.headers } });
      const running = () => child.exitCode === null && child.signalCode === null;
      try {
        return await request();
      } catch (err) {
        // a kept-alive connection the server closed just as it was reused (a loaded machine widens that race):
        // a browser tries a GET again on a new one, undici's fetch does not
        const method = init?.method ?? 'GET';
        if (running() && (method === 'GET' || method === 'HEAD')) {
          try {
            return await request();
          } catch {
            // said below, with the first failure's cause
          }
        }
        const cause = (err as { cause?: unknown }).cause;
        throw new Error(
          `${method} ${path} failed (${String(cause ?? err)}); the studio ${running() ? 'still runs' : `has exited (${child.exitCode ?? child.signalCode})`}, its last output:\n${out.slice(-3000)}`,
          { cause: err },
        );
      }
    },
    output: () => out,
    async stop() {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      const code = await exited;
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
    async kill() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
    remove() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The file's studio, its browser and (when asked for) one desktop page on it, shared by its tests. */
export interface StudioUnderTest {
  studio: () => RunningStudio;
  browser: () => Browser;
  /** A 1280×900 page signed in as the owner, opened once before the tests (`sharedPage: true`). */
  page: () => Page;
}

interface UseOptions {
  /** Open one desktop page before the tests, for files whose tests walk on from each other's state. */
  sharedPage?: boolean;
  /**
   * The file's own scene, set once the studio (and page) are up. A file's own `before` would not wait for them:
   * Node 20 runs a file's top-level `before` hooks side by side.
   */
  then?: () => Promise<void>;
}

/**
 * Registers hooks that start a browser and a demo studio (`env`: more configuration) for the file's tests, and
 * stop both after them.
 */
export function useDemoStudio(options: UseOptions & { env?: Record<string, string> } = {}): StudioUnderTest {
  return useStudio(() => startDemoStudio(options.env), options);
}

/** What `useLabStudio` adds: the real gateway and the test's own operator connection to it. */
export interface LabStudioUnderTest extends StudioUnderTest {
  lab: () => Lab;
  /** The test's own connection to the gateway: to set a scene the way another OpenClaw client would. */
  op: () => LabOperator;
}

/**
 * Registers hooks that start a browser, a real OpenClaw gateway (the lab, with `lab` options), a studio bridged
 * to it (`agent-studio studio`, finding the gateway as an install does) and the test's own operator connection;
 * and stop them all after the file's tests.
 */
export function useLabStudio(options: UseOptions & { lab?: LabOptions } = {}): LabStudioUnderTest {
  let lab: Lab | undefined;
  let op: LabOperator | undefined;
  const used = useStudio(async () => {
    const t0 = Date.now();
    lab = await startLab(options.lab);
    const t1 = Date.now();
    const studio = await startGatewayStudio(lab);
    console.log(
      `OpenClaw gateway ready in ${((t1 - t0) / 1000).toFixed(1)} s, the studio bridged to it in ${((Date.now() - t1) / 1000).toFixed(1)} s`,
    );
    op = startOperator(lab);
    return studio;
  }, options);
  after(async () => {
    await op?.stop();
    await lab?.stop();
  });
  return { ...used, lab: () => lab!, op: () => op! };
}

function useStudio(start: () => Promise<RunningStudio>, options: UseOptions): StudioUnderTest {
  let studio: RunningStudio | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  before(async () => {
    // one after the other: when the studio fails to start, the browser is already there for `after` to close
    browser = await launchBrowser();
    studio = await start();
    if (options.sharedPage) page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 } });
    await options.then?.();
  });
  after(async () => {
    await browser?.close();
    await studio?.stop();
  });
  return { studio: () => studio!, browser: () => browser!, page: () => page! };
}

/**
 * Saves a full-page screenshot under .cache/screenshots (to look at, and for the README). It is taken from the
 * top of the page (scrolled, the sidebar and a toast were drawn where the window was, over the page's middle),
 * and without the toasts the demo's live events raise (they covered charts), unless `toasts` asks for them.
 */
export async function screenshot(page: Page, name: string, { toasts = false } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  const y = await page.evaluate(() => {
    const scrolled = window.scrollY;
    window.scrollTo(0, 0);
    return scrolled;
  });
  await page.screenshot({
    path,
    fullPage: true,
    style: toasts ? undefined : '[data-sonner-toaster] { display: none }',
  });
  await page.evaluate((top) => window.scrollTo(0, top), y);
  return path;
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical violations on the page (WCAG 2 A/AA rules). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Next streams a dynamic page's <title> after its body: on a busy machine axe could look before it came
  await page.waitForFunction(() => document.title !== '');
  await page.addScriptTag({ path: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: unknown,
          ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
}
