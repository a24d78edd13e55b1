// OpenClaw's chat channels (telegram, whatsapp, discord…) and whether each account is up, mirrored from the
// gateway's `channels.status` after every (re)connect and each minute (the gateway sends no event when a
// channel drops). The dashboard shows them; an alert rule reads them.
import { recordChannelStates, type ChannelStateInput } from '@agent-studio/database';
import { z } from 'zod';
import { SOURCE } from '../mirror/translate';
import type { GatewaySourceOptions } from '../of-gateway';

const POLL_MS = 60_000;

const accountSchema = z
  .object({
    accountId: z.string().nullish(),
    name: z.string().nullish(),
    enabled: z.boolean().nullish(),
    configured: z.boolean().nullish(),
    linked: z.boolean().nullish(),
    running: z.boolean().nullish(),
    connected: z.boolean().nullish(),
    lastError: z.string().nullish(),
    healthState: z.string().nullish(),
  })
  .loose();

export const channelsStatusSchema = z
  .object({
    channelOrder: z.array(z.string()).nullish(),
    channelLabels: z.record(z.string(), z.string()).nullish(),
    channelAccounts: z.record(z.string(), z.array(accountSchema)).nullish(),
  })
  .loose();

// OpenClaw's own health verdicts on a managed account (channel-health-policy, 2026.9.6) that mean it is down
const UNHEALTHY = new Set([
  'terminal-disconnect',
  'ingress-unavailable',
  'blocked',
  'not-running',
  'stuck',
  'disconnected',
  'stale-socket',
]);

/** One row per channel account, with its state: off (not set up or disabled), down, or up. */
export function channelStates(payload: z.infer<typeof channelsStatusSchema>): ChannelStateInput[] {
  const accounts = payload.channelAccounts ?? {};
  const order = [...new Set([...(payload.channelOrder ?? []), ...Object.keys(accounts)])];
  const out: ChannelStateInput[] = [];
  for (const channel of order) {
    for (const a of accounts[channel] ?? []) {
      const off = a.enabled === false || a.configured === false || a.linked === false;
      const down =
        !off &&
        (a.healthState ? UNHEALTHY.has(a.healthState) : a.running === false || (a.running !== true && !!a.lastError));
      out.push({
        channel,
        accountId: a.accountId ?? 'default',
        label: [payload.channelLabels?.[channel] ?? channel, a.name].filter(Boolean).join(' · '),
        state: off ? 'off' : down ? 'down' : 'up',
        error: down ? (a.lastError ?? a.healthState ?? 'not running') : null,
        detail: {
          running: a.running ?? null,
          connected: a.connected ?? null,
          healthState: a.healthState ?? null,
        },
      });
    }
  }
  return out;
}

export class ChannelsSource {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly opts: GatewaySourceOptions) {}

  start(): void {
    this.opts.client.on('hello', this.poll);
    this.timer = setInterval(this.poll, POLL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.opts.client.off('hello', this.poll);
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => {});
  }

  /** Reads and records the channels now (one read at a time). */
  readonly poll = () => {
    this.running ??= this.read()
      .catch((err) => this.opts.logger.warn('channels: channels.status was not read', err))
      .finally(() => (this.running = null));
    return this.running;
  };

  private async read() {
    const gw = this.opts.calls();
    if (!gw?.supports('channels.status')) return;
    const parsed = channelsStatusSchema.safeParse(await gw.request('channels.status', {}));
    if (!parsed.success) return this.opts.logger.warn('channels: channels.status not understood', parsed.error);
    const { db, gatewayId } = this.opts;
    await db.transaction((tx) => recordChannelStates(tx, SOURCE, channelStates(parsed.data), new Date(), gatewayId));
  }
}
