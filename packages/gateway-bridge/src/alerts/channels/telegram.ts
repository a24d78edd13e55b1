import { alertChannelConfigSchemas } from '@agent-studio/core/alert-channels';
import { sendOutbound } from './http';
import { plainText, type ChannelSender } from './sender';

/** Telegram Bot API `sendMessage` to the configured chat; the answer's `description` says why it refused. */
export const sendTelegram: ChannelSender = (input, message) => {
  const config = alertChannelConfigSchemas.telegram.parse(input.config);
  const base = config.apiBase.replace(/\/+$/, '');
  return sendOutbound(
    {
      url: `${base}/bot${input.secret}/sendMessage`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: config.chatId, text: plainText(message), disable_web_page_preview: true }),
      allowPrivateNetwork: input.allowPrivateNetwork,
      timeoutMs: input.timeoutMs,
    },
    (_status, text) => {
      try {
        const body = JSON.parse(text) as { ok?: boolean; description?: string; result?: { message_id?: number } };
        if (body.ok) return `message ${body.result?.message_id ?? ''}`.trim();
        return body.description ?? null;
      } catch {
        return null;
      }
    },
  );
};
