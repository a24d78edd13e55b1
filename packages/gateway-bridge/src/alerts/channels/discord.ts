import { sendOutbound } from './http';
import type { ChannelSender } from './sender';

/** A Discord webhook (the URL is the secret): `content` up to Discord's 2,000 characters, no pings. */
export const sendDiscord: ChannelSender = (input, message) =>
  sendOutbound({
    url: input.secret!,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      content: `**${message.title}**\n${message.body}`.slice(0, 2000),
      allowed_mentions: { parse: [] },
    }),
    allowPrivateNetwork: input.allowPrivateNetwork,
    timeoutMs: input.timeoutMs,
  });
