/* The TA-HSB handbook's offline copy is turned off for this site (an overlay with
 * `offline_app: false`, or `make serve`). A browser that installed the handbook's
 * service worker from an earlier build fetches this file in its place: it deletes the
 * handbook's caches for this copy and unregisters itself. It answers no request, so
 * every page comes from the server. (macros/hooks/offline.py)
 */
"use strict";

const PREFIX = "ta-hsb " + self.registration.scope + " ";

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX)).map((n) => caches.delete(n))))
      .then(() => self.registration.unregister())
  );
});
