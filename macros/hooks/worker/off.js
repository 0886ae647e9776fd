/* The TA-HSB handbook's offline copy is off for this site (an overlay's `offline_app:
 * false`, or `make serve`): a browser that installed the handbook's service worker from an
 * earlier build fetches this one in its place, which deletes the handbook's caches for this
 * copy and unregisters itself. It answers no request. (macros/hooks/offline.py)
 */
"use strict";

const PREFIX = "ta-hsb " + self.registration.scope + " ";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX)).map((n) => caches.delete(n))))
      .then(() => self.registration.unregister())
  );
});
