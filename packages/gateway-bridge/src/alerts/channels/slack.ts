import { sendOutbound } from './http';
import type { ChannelSender } from './sender';

/** A Slack incoming webhook (the URL is the secret): `{text}` in Slack's mrkdwn. */
export const sendSlack: ChannelSender = (input, message) =>
  sendOutbound({
    url: input.secret!,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: `*${message.title}*\n${message.body}` }),
    allowPrivateNetwork: input.allowPrivateNetwork,
    timeoutMs: input.timeoutMs,
  });
