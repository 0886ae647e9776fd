/* The service worker: this edition's files (DATA, filled in by macros/hooks/offline.py) in
 * one cache, each checked against its SHA-256 so a half-deployed copy fails the install
 * (guides/hosting.md). Its files come from the cache, edition.json from the network first. */
"use strict";

const DATA = /* EDITION */ null;
const SCOPE = self.registration.scope;
const PREFIX = "ta-hsb " + SCOPE + " ";
const CACHE = PREFIX + DATA.cache;
const FILES = new Map(DATA.files);

async function keep(cache, path, digest) {
  const response = await fetch(new Request(path, { cache: "no-cache" }));
  if (!response.ok) { throw new Error(path + ": HTTP " + response.status); }
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", await response.clone().arrayBuffer()));
  const hex = Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("");
  if (hex.slice(0, digest.length) !== digest) { throw new Error(path + ": not a file of edition " + DATA.edition.id); }
  await cache.put(path, response);
}

async function fill() {
  await caches.delete(CACHE); // what an interrupted install left
  const cache = await caches.open(CACHE);
  try {
    await Promise.all(DATA.files.map(([path, digest]) => keep(cache, path, digest)));
  } catch (error) {
    await caches.delete(CACHE);
    throw error;
  }
}

self.addEventListener("install", (event) => event.waitUntil(fill().then(() => self.skipWaiting())));

self.addEventListener("activate", (event) => {
  const others = caches.keys().then((names) => names.filter((n) => n.startsWith(PREFIX) && n !== CACHE));
  event.waitUntil(others.then((names) => Promise.all(names.map((n) => caches.delete(n)))).then(() => self.clients.claim()));
});

const kept = (file) => caches.match(file, { cacheName: CACHE });

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) { return; }
  let path;
  try { path = decodeURIComponent(new URL(request.url).pathname.slice(new URL(SCOPE).pathname.length)); } catch (error) {
    return; // a malformed %-escape: not a file of this edition
  }
  const file = path === "" || path.endsWith("/") ? path + "index.html" : path; // a folder's address
  if (path === "edition.json") {
    event.respondWith(fetch(request).catch(async (error) => (await kept(path)) || Promise.reject(error)));
  } else if (FILES.has(file)) {
    event.respondWith(kept(file).then((response) => response || fetch(request)));
  }
});
