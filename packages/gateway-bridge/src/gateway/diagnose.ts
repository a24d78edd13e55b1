// The connection test the Connect OpenClaw page runs: each step from OpenClaw's config to a working session
// (config → URL → token → pairing → version), stopping at the first that fails and naming it, in words.
import WebSocket from 'ws';
import { connectParams } from './client';
import { inspectGatewayConfig, type ConfigInspection, type GatewayEnv } from './config';
import type { DeviceIdentity } from './device-identity';
import { frameSchema, helloSchema } from './frames';

export const DIAGNOSIS_STEPS = ['config', 'url', 'token', 'pairing', 'version'] as const;
export type DiagnosisStepName = (typeof DIAGNOSIS_STEPS)[number];

export interface DiagnosisStep {
  step: DiagnosisStepName;
  /** null: not tried (an earlier step failed). */
  ok: boolean | null;
  detail: string;
  /** What to do about a failure. */
  fix?: string;
}

export interface GatewayDiagnosis {
  /** What was looked for and found; null for the demo's simulator (no config). */
  config: ConfigInspection | null;
  url: string | null;
  steps: DiagnosisStep[];
  failed: DiagnosisStepName | null;
  version: string | null;
}

/** Methods without which the studio shows nothing (the rest only hide an action). */
const REQUIRED = ['cron.list', 'cron.runs', 'sessions.list'];
const ACTIONS = ['cron.run', 'cron.update', 'cron.add', 'cron.remove', 'sessions.abort', 'chat.send'];
// per step: a gateway on a small or busy host (a Raspberry Pi, a loaded VPS) can take several seconds to sign in
const TIMEOUT_MS = 15_000;

type Target = { url: string; token: string } | { env: GatewayEnv };

export async function diagnoseGateway(
  target: Target,
  device: DeviceIdentity,
  clientVersion: string,
): Promise<GatewayDiagnosis> {
  const steps: DiagnosisStep[] = [];
  const finish = (
    config: ConfigInspection | null,
    url: string | null,
    version: string | null = null,
  ): GatewayDiagnosis => {
    for (const step of DIAGNOSIS_STEPS)
      if (!steps.some((s) => s.step === step))
        steps.push({ step, ok: null, detail: 'Not tried: an earlier step failed.' });
    return { config, url, steps, failed: steps.find((s) => s.ok === false)?.step ?? null, version };
  };
  let config: ConfigInspection | null = null;
  let url: string;
  let token: string;
  if ('env' in target) {
    const inspected = inspectGatewayConfig(target.env);
    const { token: found, ...seen } = inspected;
    config = seen;
    if (inspected.problem || !inspected.url || !found) {
      steps.push({
        step: 'config',
        ok: false,
        detail: inspected.problem ?? 'OpenClaw is not configured.',
        fix: 'Point OPENCLAW_CONFIG_PATH at openclaw.json (`openclaw config file` prints it), or set OPENCLAW_GATEWAY_URL and OPENCLAW_GATEWAY_TOKEN, then restart the studio.',
      });
      return finish(config, null);
    }
    ({ url, token } = { url: inspected.url, token: found });
    steps.push({
      step: 'config',
      ok: true,
      detail: inspected.found
        ? `Read ${inspected.path}.`
        : 'No config file; OPENCLAW_GATEWAY_URL and OPENCLAW_GATEWAY_TOKEN are set.',
    });
  } else {
    ({ url, token } = target);
    steps.push({
      step: 'config',
      ok: true,
      detail: 'The demo’s built-in gateway simulator: no OpenClaw config is needed.',
    });
  }

  const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: TIMEOUT_MS });
  // listening from the start: the challenge may arrive in the same read as the upgrade
  const frames: unknown[] = [];
  let wake: () => void = () => {};
  ws.on('message', (data) => {
    try {
      frames.push(frameSchema.parse(JSON.parse(data.toString())));
    } catch {
      return;
    }
    wake();
  });
  try {
    const opened = await new Promise<{ ok: true } | { ok: false; why: string }>((resolve) => {
      ws.once('open', () => resolve({ ok: true }));
      ws.once('unexpected-response', (_req, res) =>
        resolve({ ok: false, why: `it answered HTTP ${res.statusCode}, not as a WebSocket gateway` }),
      );
      ws.once('error', (err: NodeJS.ErrnoException) =>
        resolve({
          ok: false,
          why:
            err.code === 'ECONNREFUSED'
              ? 'connection refused: nothing listens on that port'
              : err.code === 'ENOTFOUND'
                ? 'no such host'
                : err.message,
        }),
      );
    });
    if (!opened.ok) {
      steps.push({
        step: 'url',
        ok: false,
        detail: `Nothing answers at ${url} (${opened.why}).`,
        fix: 'Start the gateway (`openclaw gateway status` says whether it runs and on which port), or fix gateway.port / OPENCLAW_GATEWAY_URL.',
      });
      return finish(config, url);
    }
    const next = async <T>(pick: (f: ReturnType<typeof frameSchema.parse>) => T | undefined): Promise<T | null> => {
      const deadline = Date.now() + TIMEOUT_MS;
      for (;;) {
        for (const f of frames.splice(0)) {
          const hit = pick(f as ReturnType<typeof frameSchema.parse>);
          if (hit !== undefined) return hit;
        }
        const left = deadline - Date.now();
        if (left <= 0 || ws.readyState !== WebSocket.OPEN) return null;
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, left).unref();
        });
      }
    };
    const challenge = await next((f) =>
      f.type === 'event' && f.event === 'connect.challenge' ? f.payload : undefined,
    );
    if (!challenge) {
      steps.push({
        step: 'url',
        ok: false,
        detail: `Something answers at ${url}, but it is not an OpenClaw gateway (no connect.challenge within ${TIMEOUT_MS / 1000} s).`,
        fix: 'Check the port: the gateway listens on gateway.port (18789 by default).',
      });
      return finish(config, url);
    }
    steps.push({ step: 'url', ok: true, detail: `An OpenClaw gateway answers at ${url}.` });

    const id = 'studio-connection-test';
    ws.send(
      JSON.stringify({
        type: 'req',
        id,
        method: 'connect',
        params: connectParams({ token, device, clientVersion }, challenge),
      }),
    );
    const res = await next((f) => (f.type === 'res' && f.id === id ? f : undefined));
    if (!res || res.type !== 'res') {
      steps.push({
        step: 'token',
        ok: false,
        detail: `The gateway did not answer the sign-in within ${TIMEOUT_MS / 1000} s${ws.readyState === WebSocket.OPEN ? '' : ' (it closed the connection)'}.`,
      });
      return finish(config, url);
    }
    if (!res.ok) {
      const code = String((res.error?.details as { code?: unknown } | undefined)?.code ?? res.error?.code ?? 'ERROR');
      const message = res.error?.message ?? 'refused';
      const said = `${message} (${code})`;
      const byCode = /^AUTH_/.test(code)
        ? 'token'
        : /^(DEVICE_|PAIRING_|NOT_PAIRED)/.test(code)
          ? 'pairing'
          : code === 'PROTOCOL_MISMATCH'
            ? 'version'
            : null;
      const cause =
        byCode ?? (/pair|device/i.test(message) ? 'pairing' : /protocol/i.test(message) ? 'version' : 'token');
      if (cause === 'pairing') {
        steps.push({ step: 'token', ok: true, detail: 'The gateway accepted the token.' });
        steps.push({
          step: 'pairing',
          ok: false,
          detail: `The gateway did not accept this studio as a device: ${said}.`,
          fix: 'Approve the studio’s device on the gateway’s host: `openclaw devices list`, then `openclaw devices approve <requestId>`.',
        });
      } else if (cause === 'version') {
        steps.push(
          { step: 'token', ok: true, detail: 'Not refused for its token.' },
          { step: 'pairing', ok: true, detail: 'Not refused as a device.' },
        );
        steps.push({
          step: 'version',
          ok: false,
          detail: `The gateway does not speak protocol 4: ${said}.`,
          fix: 'Update OpenClaw (`openclaw update`): the studio needs a gateway of 2026.6.1 or later.',
        });
      } else {
        const from =
          config?.tokenFrom === 'OPENCLAW_GATEWAY_TOKEN'
            ? 'OPENCLAW_GATEWAY_TOKEN'
            : config
              ? `gateway.auth.token in ${config.path}`
              : 'the demo';
        steps.push({
          step: 'token',
          ok: false,
          detail: `The gateway refused the token: ${said}.`,
          fix: `The studio's token comes from ${from}; it must equal the gateway's gateway.auth.token (and the studio must be restarted after a change).`,
        });
      }
      return finish(config, url);
    }
    const hello = helloSchema.safeParse(res.payload);
    steps.push(
      { step: 'token', ok: true, detail: 'The gateway accepted the token.' },
      { step: 'pairing', ok: true, detail: 'The studio’s device is paired.' },
    );
    if (!hello.success || hello.data.protocol !== 4) {
      steps.push({
        step: 'version',
        ok: false,
        detail: 'The gateway answered the sign-in in a form the studio does not know.',
        fix: 'Update OpenClaw, or the studio.',
      });
      return finish(config, url);
    }
    const methods = hello.data.features.methods;
    const missing = REQUIRED.filter((m) => !methods.includes(m));
    const without = ACTIONS.filter((m) => !methods.includes(m));
    const version = hello.data.server.version;
    if (missing.length) {
      steps.push({
        step: 'version',
        ok: false,
        detail: `OpenClaw ${version} does not offer ${missing.join(', ')}, which the studio reads.`,
        fix: 'Update OpenClaw (`openclaw update`).',
      });
      return finish(config, url, version);
    }
    steps.push({
      step: 'version',
      ok: true,
      detail: `OpenClaw ${version}, protocol 4${without.length ? `; it does not offer ${without.join(', ')}, so those actions fail saying so` : ''}.`,
    });
    return finish(config, url, version);
  } finally {
    ws.terminate();
  }
}
