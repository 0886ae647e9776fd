/* The TA-HSB handbook's service worker: this edition, readable offline after one visit.
 *
 * Made at build time (macros/hooks/offline.py) with this edition's id and the list of
 * its files: every page, asset, the search index and the PDFs, each with the start of
 * its SHA-256. It keeps them in one cache for this edition and nothing else: no case
 * data (that stays in the tab's sessionStorage), nothing from another site.
 *
 * - install: fetch every file (revalidated, never an old copy from the HTTP cache),
 *   check it is this edition's, keep it; a file that is not (a copy half deployed)
 *   fails the install, and the browser tries again on a later visit. Once all are
 *   kept, this edition takes over at once.
 * - activate: delete the caches of other editions of this copy; control open pages
 *   (a page of the previous edition then says that a new one is ready).
 * - fetch: a file of this edition comes from its cache, never from another edition's;
 *   anything else from the network. edition.json is asked of the network first.
 */
"use strict";

const DATA = /* EDITION */ null;
const SCOPE = self.registration.scope;
const PREFIX = "ta-hsb " + SCOPE + " ";
const CACHE = PREFIX + DATA.cache;
const FILES = new Map(DATA.files);

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function keep(cache, path, digest) {
  const response = await fetch(new Request(path, { cache: "no-cache" }));
  if (!response.ok) {
    throw new Error(path + ": HTTP " + response.status);
  }
  const body = await response.clone().arrayBuffer();
  if (hex(await crypto.subtle.digest("SHA-256", body)).slice(0, digest.length) !== digest) {
    throw new Error(path + ": not a file of edition " + DATA.edition.id);
  }
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

self.addEventListener("install", (event) => {
  event.waitUntil(fill().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))
        )
      )
      .then(() => self.clients.claim())
  );
});

/* The cached file for a path inside the copy: a folder's address is its index.html. */
function fileFor(path) {
  const file = path === "" || path.endsWith("/") ? path + "index.html" : path;
  return FILES.has(file) ? file : null;
}

async function fromCache(file) {
  const cache = await caches.open(CACHE);
  return cache.match(file);
}

async function answer(request, file) {
  const hit = await fromCache(file);
  return hit || fetch(request);
}

async function networkFirst(request, file) {
  try {
    return await fetch(request);
  } catch (error) {
    const hit = await fromCache(file);
    if (hit) {
      return hit;
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) {
    return;
  }
  let path;
  try {
    path = decodeURIComponent(new URL(request.url).pathname.slice(new URL(SCOPE).pathname.length));
  } catch (error) {
    return;
  }
  if (path === "edition.json") {
    event.respondWith(networkFirst(request, path));
    return;
  }
  const file = fileFor(path);
  if (file) {
    event.respondWith(answer(request, file));
  }
});
