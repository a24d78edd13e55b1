import { alertChannelConfigSchemas } from '@agent-studio/core/alert-channels';
import { sendOutbound } from './http';
import type { ChannelSender } from './sender';

/** ntfy: POST the body to `<server>/<topic>`, the title as a header; a resolved message at low priority. */
export const sendNtfy: ChannelSender = (input, message) => {
  const config = alertChannelConfigSchemas.ntfy.parse(input.config);
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    // header values are Latin-1: ntfy reads an RFC 2047 encoded word
    title: `=?UTF-8?B?${Buffer.from(message.title).toString('base64')}?=`,
    priority: message.kind === 'resolved' ? 'low' : message.kind === 'test' ? 'default' : 'high',
    tags: message.kind === 'resolved' ? 'white_check_mark' : 'warning',
  };
  if (input.secret) headers.authorization = `Bearer ${input.secret}`;
  return sendOutbound({
    url: `${config.server.replace(/\/+$/, '')}/${config.topic}`,
    headers,
    body: message.body,
    allowPrivateNetwork: input.allowPrivateNetwork,
    timeoutMs: input.timeoutMs,
  });
};
