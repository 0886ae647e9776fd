/* The handbook's offline copy is off for this site (`offline_app: false`, or `make serve`):
 * this worker replaces one an earlier build installed, deletes the handbook's caches for
 * this copy, unregisters itself and answers no request (macros/hooks/offline.py).
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
