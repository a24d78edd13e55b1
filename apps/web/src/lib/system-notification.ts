import type { StudioEvent } from '@agent-studio/core/events';

/**
 * The "This browser" alert channel: an open studio tab shows the alert as a system notification, if the owner
 * allowed it in this browser. Every open tab gets the event; the shared tag makes the browser show it once.
 */
export function showSystemNotification(e: StudioEvent): void {
  if (e.type !== 'alert.notification') return;
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  new Notification(e.payload.title, { body: e.payload.body, tag: `studio-alert-${e.payload.deliveryId}` });
}
