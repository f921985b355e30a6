// Service worker: caches the app shell so a second visit works offline (PRODUCT.md F).
// VERSION is stamped at build time (cmake/stamp_sw.cmake) from a hash of every file in SHELL, so
// a build that changes any of them drops the old cache on activate.
const VERSION = 'portal-shell-unstamped';
const SHELL = ['./', 'index.html', 'boot.js', 'portal.js', 'portal.wasm', 'portal.data', 'manifest.webmanifest', 'icon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('portal-shell-') && k !== VERSION).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

// Network first for the shell (a rebuild is seen at once when online), cache when offline.
// Other requests (the sync host, cross-origin, public.json on this origin) are not touched.
self.addEventListener('fetch', (event) => {
  const req = event.request;
  // The sync's requests ask for no-store: they must see the host as it is (ETags), never a cached copy.
  if (req.method !== 'GET' || req.cache === 'no-store' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(fetch(req).then((res) => {
    if (res.ok && res.type === 'basic') {
      const copy = res.clone();
      caches.open(VERSION).then((cache) => cache.put(req, copy));
    }
    return res;
  }).catch(() => caches.match(req, { ignoreSearch: true }).then((hit) => hit || Response.error())));
});
