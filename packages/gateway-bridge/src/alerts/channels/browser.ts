import webpush from 'web-push';
import { channelFor } from '@agent-studio/core';
import { appendEvent } from '@agent-studio/database';
import { sendOutbound } from './http';
import type { AlertMessage, ChannelSender, SendInput } from './sender';

export const PUSH_GONE =
  'The browser’s push subscription has ended (it was unsubscribed or expired): turn Web Push on again in that browser.';

/**
 * Open studio tabs show it as a system notification (it goes out on the live event stream); with a push
 * subscription, also Web Push (VAPID, aes128gcm) through the browser's push service, for when no tab is open.
 * The push service is reached like any other target: public addresses only, unless the owner allowed others.
 */
export const sendToBrowser: ChannelSender = async (input, message) => {
  await appendEvent(input.db, channelFor.system(), 'alert.notification', {
    deliveryId: message.deliveryId,
    title: message.title,
    body: message.body,
  });
  if (!input.secret) return { ok: true, responseStatus: null, answer: 'Sent to the studio tabs that are open.' };
  return push(input, message);
};

async function push(input: SendInput, message: AlertMessage) {
  if (!input.vapid)
    return {
      ok: false as const,
      responseStatus: null,
      answer: null,
      error: 'This bridge has no VAPID keys for Web Push.',
      retryable: false,
    };
  const details = webpush.generateRequestDetails(
    JSON.parse(input.secret!) as webpush.PushSubscription,
    JSON.stringify({ title: message.title, body: message.body, tag: `studio-alert-${message.deliveryId}` }),
    { vapidDetails: input.vapid, TTL: 24 * 3600, contentEncoding: 'aes128gcm' },
  );
  const result = await sendOutbound({
    url: details.endpoint,
    headers: Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k, String(v)])),
    body: details.body,
    allowPrivateNetwork: input.allowPrivateNetwork,
    timeoutMs: input.timeoutMs,
  });
  if (!result.ok && (result.responseStatus === 404 || result.responseStatus === 410))
    return { ...result, error: PUSH_GONE, retryable: false };
  return result.ok ? { ...result, answer: 'Shown in the open tabs and pushed to the browser.' } : result;
}
