// Which sender delivers each channel kind (one file per kind).
import type { AlertChannelKind } from '@agent-studio/database';
import { sendToBrowser } from './browser';
import { sendDiscord } from './discord';
import { sendEmail } from './email';
import { sendNtfy } from './ntfy';
import { sendThroughOpenclaw } from './openclaw';
import type { ChannelSender } from './sender';
import { sendSlack } from './slack';
import { sendTelegram } from './telegram';

export const channelSenders: Record<AlertChannelKind, ChannelSender> = {
  telegram: sendTelegram,
  slack: sendSlack,
  discord: sendDiscord,
  ntfy: sendNtfy,
  email: sendEmail,
  openclaw: sendThroughOpenclaw,
  browser: sendToBrowser,
};
