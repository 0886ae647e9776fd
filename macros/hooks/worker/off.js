/* Offline copy off (`offline_app: false`, `make serve`): replaces an earlier build's worker,
 * deletes this copy's caches, unregisters itself, answers no request (macros/hooks/offline.py). */
"use strict";

const PREFIX = "ta-hsb " + self.registration.scope + " ";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  const mine = caches.keys().then((names) => names.filter((n) => n.startsWith(PREFIX)));
  event.waitUntil(mine.then((names) => Promise.all(names.map((n) => caches.delete(n)))).then(() => self.registration.unregister()));
});
