import { channelFor } from '@agent-studio/core';
import { appendEvent } from '@agent-studio/database';
import type { ChannelSender } from './sender';

/** Open studio tabs show it as a system notification: it goes out on the live event stream. */
export const sendToBrowser: ChannelSender = async (input, message) => {
  await appendEvent(input.db, channelFor.system(), 'alert.notification', {
    deliveryId: message.deliveryId,
    title: message.title,
    body: message.body,
  });
  return { ok: true, responseStatus: null, answer: 'Sent to the studio tabs that are open.' };
};
