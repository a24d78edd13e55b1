// `agent-studio` commands as processes (a web process beside others behind a proxy, a bridge), and an
// event-stream client of a web process that keeps what it received.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StudioEvent } from '@agent-studio/core';
import { until } from '@agent-studio/database/testing';

const CLI = fileURLToPath(new URL('../../../bin/agent-studio.mjs', import.meta.url));

export interface CliProcess {
  /** The first group of `pattern` once the process printed it; fails if it ended first. */
  printed(what: string, pattern: RegExp): Promise<string>;
  output(): string;
  /** SIGTERM (unless it ended already); resolves with how it ended: an exit code or a signal. */
  stop(): Promise<NodeJS.Signals | number | null>;
}

/** `agent-studio <args>` with `env` on top of this process's environment. */
export function cliProcess(args: string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let exit: NodeJS.Signals | number | null | undefined;
  const ended = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve((exit = signal ?? code))),
  );
  return {
    printed: (what, pattern) =>
      until(what, async () => {
        if (exit !== undefined) throw new Error(`agent-studio ${args[0]} ended (${exit}) before ${what}:\n${output}`);
        return pattern.exec(output)?.[1];
      }),
    output: () => output,
    async stop() {
      if (exit === undefined) child.kill('SIGTERM');
      return ended;
    },
  };
}

export interface WebProcess extends CliProcess {
  /** Where it serves, once it printed it. */
  url(): Promise<string>;
  /** The token of the setup link it printed (a studio without an owner password prints one). */
  setupToken(): Promise<string>;
}

/** `agent-studio web` on a free port of 127.0.0.1, on `databaseUrl`, with its own data folder. */
export function webProcess(o: { databaseUrl: string; dataDir: string }): WebProcess {
  const web = cliProcess(['web', '--port', '0'], {
    DATABASE_URL: o.databaseUrl,
    STUDIO_DATA_DIR: o.dataDir,
    HOST: '127.0.0.1',
  });
  return {
    ...web,
    url: () => web.printed('it printed its address', /running at (http:\/\/\S+)/),
    setupToken: () => web.printed('it printed a setup link', /setup\?token=(\S+)/),
  };
}

export interface EventStream {
  /** Every event received, in order. */
  readonly events: StudioEvent[];
  close(): void;
}

/** Follows `/api/events` at `url` with `cookie`, from after `lastEventId` when given (sent as Last-Event-ID). */
export async function followEvents(url: string, cookie: string, lastEventId?: string): Promise<EventStream> {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/events?channels=cron:all,system`, {
    headers: { cookie, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    signal: abort.signal,
  });
  if (!res.ok || !res.body) throw new Error(`the event stream was refused: ${res.status} ${await res.text()}`);
  const events: StudioEvent[] = [];
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop()!;
      for (const block of blocks) {
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (data) events.push(JSON.parse(data) as StudioEvent);
      }
    }
  })().catch(() => {}); // ends with close()
  return { events, close: () => abort.abort() };
}
