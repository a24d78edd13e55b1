// The studio's service worker for Web Push alerts (issue 19): shows an alert the bridge pushed while no studio
// tab was open. An open tab shows the same alert from its live stream; the shared tag makes it appear once.
self.addEventListener('push', (event) => {
  let data = { title: 'Agent Studio', body: '', tag: undefined };
  try {
    data = event.data ? event.data.json() : data;
  } catch {
    data = { title: 'Agent Studio', body: event.data ? event.data.text() : '', tag: undefined };
  }
  event.waitUntil(self.registration.showNotification(data.title, { body: data.body, tag: data.tag }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(self.clients.openWindow('/settings/alerts'));
});
