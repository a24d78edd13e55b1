import { alertChannelConfigSchemas } from '@agent-studio/core/alert-channels';
import { GatewayError } from '../../gateway/client';
import { plainText, type ChannelSender } from './sender';

/** Through the gateway's own `send` to one of OpenClaw's channels; while the gateway is away, later. */
export const sendThroughOpenclaw: ChannelSender = async (input, message) => {
  const config = alertChannelConfigSchemas.openclaw.parse(input.config);
  const gw = input.gateway;
  if (!gw)
    return {
      ok: false,
      responseStatus: null,
      answer: null,
      error:
        'The OpenClaw gateway is unreachable; this channel sends through it, so it will try again once it is back.',
      retryable: true,
    };
  if (!gw.supports('send'))
    return {
      ok: false,
      responseStatus: null,
      answer: null,
      error: 'This OpenClaw gateway does not offer "send" (it may be an older version).',
      retryable: false,
    };
  try {
    const result = await gw.request<unknown>(
      'send',
      {
        channel: config.channel,
        to: config.to,
        ...(config.accountId ? { accountId: config.accountId } : {}),
        message: plainText(message),
        // the same on every retry: the gateway sends a delivery once
        idempotencyKey: `studio-alert-${message.deliveryId}`,
      },
      { timeoutMs: input.timeoutMs },
    );
    return { ok: true, responseStatus: null, answer: JSON.stringify(result ?? null).slice(0, 200) };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const unreachable = err instanceof GatewayError && err.retryable;
    return {
      ok: false,
      responseStatus: null,
      answer: msg.slice(0, 200),
      error: unreachable ? `The OpenClaw gateway is unreachable (${msg}).` : `OpenClaw refused to send it: ${msg}`,
      retryable: unreachable,
    };
  }
};
