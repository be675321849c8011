// The app's service worker: keeps the app shell so the app opens without a network (network first, so a new version
// arrives as soon as the host is reachable), and shows the measurement reminder's notification.
const CACHE = 'thuismonitoring-app-1';
const SHELL = [
  './', 'index.html', 'styles.css', 'manifest.json', 'icon.svg', 'icon-maskable.svg',
  'app.js', 'i18n.js', 'store.js', 'platform.js', 'link.js', 'entry-rules.js', 'my-data.js', 'reminders.js', 'timers.js',
  'lib/mqtt.esm.js', 'lib/idb.js', 'lib/uPlot.esm.js', 'lib/uPlot.min.css',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  // Only the app's own files; the API and MQTT always go to the network.
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith('/app/')) return;
  event.respondWith(fetch(event.request)
    .then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(event.request, copy));
      }
      return response;
    })
    .catch(() => caches.match(event.request, { ignoreSearch: true })
      .then((cached) => cached ?? caches.match('./'))));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(self.clients.matchAll({ type: 'window' }).then((windows) =>
    windows.length > 0 ? windows[0].focus() : self.clients.openWindow('./')));
});
